// SPDX-License-Identifier: GPL-3.0-or-later
// X.509 certificates made natively with OpenSSL: Notary root certificates,
// and the lab environment's CA and TLS server certificate.
#pragma once

#include "tufcrypto.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

namespace drydock::trust {

enum class CertificateUsage {
    CodeSigning,          // a Notary root key: a self-signed leaf, not a CA
    CertificateAuthority, // the lab's CA
    TlsServer,            // the lab's notary server
};

struct CertificateRequest
{
    QString commonName;
    QDateTime notBefore;
    QDateTime notAfter;
    CertificateUsage usage = CertificateUsage::CodeSigning;
    QStringList dnsNames;    // subjectAltName DNS entries (TLS servers)
    QStringList ipAddresses; // subjectAltName IP entries (TLS servers)
};

// A PEM certificate for `subject`'s public key. Self-signed when `issuer` is
// null; otherwise signed by `issuer`, whose certificate is `issuerCertPem`.
Result<QByteArray> makeCertificate(const PrivateKey &subject, const CertificateRequest &request,
                                   const PrivateKey *issuer, const QByteArray &issuerCertPem);

// When a PEM certificate stops being valid (for reuse decisions), or an
// invalid QDateTime when it cannot be read.
QDateTime certificateExpiry(const QByteArray &pem);

} // namespace drydock::trust
