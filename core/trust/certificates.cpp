// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate building with OpenSSL's X509 and X509V3 APIs (no openssl CLI).
#include "certificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace drydock::trust {

namespace {

struct X509Deleter
{
    void operator()(X509 *cert) const { X509_free(cert); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};

X509Ptr readPem(const QByteArray &pem)
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Error certError(const QString &what)
{
    return makeError(
        ErrorKind::Internal,
        QStringLiteral("Cannot make a certificate (%1): %2.").arg(what, openSslErrors()));
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX ctx{};
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!ext) {
        return false;
    }
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A random positive 128-bit serial, as RFC 5280 asks of CAs.
bool setRandomSerial(X509 *cert)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        return false;
    }
    bytes[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
    if (!bn) {
        return false;
    }
    const bool ok = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != nullptr;
    BN_free(bn);
    return ok;
}

} // namespace

Result<QByteArray> makeCertificate(const PrivateKey &subject, const CertificateRequest &request,
                                   const PrivateKey *issuer, const QByteArray &issuerCertPem)
{
    X509Ptr cert(X509_new());
    X509Ptr issuerCert;
    if (issuer) {
        issuerCert = readPem(issuerCertPem);
        if (!issuerCert) {
            return certError(QStringLiteral("the issuer certificate is unreadable"));
        }
    }
    X509 *signerCert = issuer ? issuerCert.get() : cert.get();
    if (!cert || X509_set_version(cert.get(), 2) != 1 || !setRandomSerial(cert.get())) {
        return certError(QStringLiteral("version and serial"));
    }
    if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()),
                       time_t(request.notBefore.toSecsSinceEpoch())) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert.get()),
                       time_t(request.notAfter.toSecsSinceEpoch()))) {
        return certError(QStringLiteral("validity"));
    }
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = request.commonName.toUtf8();
    if (X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.constData()),
                                   int(cn.size()), -1, 0) != 1) {
        return certError(QStringLiteral("common name"));
    }
    const X509_NAME *issuerName = issuer ? X509_get_subject_name(issuerCert.get()) : name;
    if (X509_set_issuer_name(cert.get(), issuerName) != 1 ||
        X509_set_pubkey(cert.get(), subject.handle()) != 1) {
        return certError(QStringLiteral("issuer and key"));
    }

    bool ok = addExtension(cert.get(), signerCert, NID_subject_key_identifier, "hash");
    switch (request.usage) {
    case CertificateUsage::CertificateAuthority:
        ok = ok && addExtension(cert.get(), signerCert, NID_basic_constraints,
                                "critical,CA:TRUE,pathlen:0");
        ok = ok &&
             addExtension(cert.get(), signerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case CertificateUsage::TlsServer: {
        QStringList alt;
        for (const QString &dns : request.dnsNames) {
            alt << QStringLiteral("DNS:") + dns;
        }
        for (const QString &ip : request.ipAddresses) {
            alt << QStringLiteral("IP:") + ip;
        }
        ok = ok && addExtension(cert.get(), signerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), signerCert, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), signerCert, NID_ext_key_usage, "serverAuth");
        ok = ok && (alt.isEmpty() || addExtension(cert.get(), signerCert, NID_subject_alt_name,
                                                  alt.join(QLatin1Char(',')).toUtf8()));
        break;
    }
    case CertificateUsage::CodeSigning:
        // Notary accepts a root key's certificate only as a leaf.
        ok = ok && addExtension(cert.get(), signerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), signerCert, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), signerCert, NID_ext_key_usage, "codeSigning");
        break;
    }
    if (issuer) {
        ok = ok &&
             addExtension(cert.get(), signerCert, NID_authority_key_identifier, "keyid:always");
    }
    if (!ok) {
        return certError(QStringLiteral("extensions"));
    }
    const PrivateKey &signer = issuer ? *issuer : subject;
    const EVP_MD *md = signer.algorithm() == KeyAlgorithm::Ed25519 ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), signer.handle(), md) <= 0) {
        return certError(QStringLiteral("signature"));
    }
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
        return certError(QStringLiteral("PEM encoding"));
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QDateTime certificateExpiry(const QByteArray &pem)
{
    X509Ptr cert = readPem(pem);
    if (!cert) {
        return {};
    }
    struct tm parts = {};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &parts) != 1) {
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(qint64(timegm(&parts)), Qt::UTC);
}

} // namespace drydock::trust
