// SPDX-License-Identifier: GPL-3.0-or-later
// TUF keys and signatures with OpenSSL 3: key ids, verification of every
// Notary signature method, and signing (for the lab environment and tests).
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>
#include <nlohmann/json.hpp>
#include <openssl/types.h>

namespace drydock::trust {

// Key types as Notary names them in `keytype`.
namespace keytype {
inline constexpr const char *Ed25519 = "ed25519";
inline constexpr const char *Ecdsa = "ecdsa";
inline constexpr const char *EcdsaX509 = "ecdsa-x509";
inline constexpr const char *Rsa = "rsa";
inline constexpr const char *RsaX509 = "rsa-x509";
} // namespace keytype

// Signature methods as they appear in `signatures[].method`.
namespace sigmethod {
inline constexpr const char *Ecdsa = "ecdsa";
inline constexpr const char *Eddsa = "eddsa";
inline constexpr const char *RsaPss = "rsapss";
inline constexpr const char *RsaPkcs1v15 = "rsapkcs1v15";
} // namespace sigmethod

// A public key as TUF metadata carries it.
struct PublicKey
{
    QString type;     // one of keytype::*
    QByteArray value; // keyval.public, base64-decoded: raw, DER SPKI or PEM certificate

    bool isCertificate() const;
    QString id() const; // hex SHA-256 of the canonical key JSON
    nlohmann::json toJson() const;
};

// Hex SHA-256 of {"keytype": T, "keyval": {"private": null, "public": base64}}.
QString computeKeyId(const QString &type, const QByteArray &value);

// Reads {"keytype", "keyval": {"public"}}; `where` names it in errors.
Result<PublicKey> parsePublicKey(const nlohmann::json &key, const QString &where);

// What a root key's certificate says about itself.
struct CertificateInfo
{
    QString commonName;
    QDateTime notBefore;
    QDateTime notAfter;
    bool isCa = false;
};

Result<CertificateInfo> certificateInfo(const PublicKey &key);

// Checks one signature over `message`. Fails when the method does not suit
// the key, the key or signature is malformed, or the signature is wrong.
Result<void> verifySignature(const PublicKey &key, const QString &method,
                             const QByteArray &signature, const QByteArray &message);

enum class KeyAlgorithm { Ed25519, EcdsaP256, Rsa2048 };

struct EvpKeyDeleter
{
    void operator()(EVP_PKEY *key) const;
};

// A private key, for publishing signed metadata and for building test
// repositories. Never logged; saved only by the caller, to files only its
// user can read.
class PrivateKey
{
public:
    static Result<PrivateKey> generate(KeyAlgorithm algorithm);
    static Result<PrivateKey> fromPem(const QByteArray &pem);

    bool isNull() const { return !m_key; }
    KeyAlgorithm algorithm() const { return m_algorithm; }
    QByteArray toPem() const;

    // The plain public key: ed25519 raw, ecdsa/rsa DER SPKI.
    PublicKey publicKey() const;
    // A self-signed certificate for this key (as Notary's root keys are),
    // valid from `notBefore` to `notAfter`; type ecdsa-x509 or rsa-x509.
    Result<PublicKey> certificateKey(const QString &commonName, const QDateTime &notBefore,
                                     const QDateTime &notAfter) const;
    // eddsa, ecdsa or rsapss.
    QString defaultMethod() const;
    // ecdsa signatures come out as raw r‖s, as Notary writes them.
    Result<QByteArray> sign(const QString &method, const QByteArray &message) const;

    EVP_PKEY *handle() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
    KeyAlgorithm m_algorithm = KeyAlgorithm::Ed25519;
};

// Lower-case hex SHA-256 / raw SHA-256 and SHA-512 of `data`.
QString sha256Hex(const QByteArray &data);
QByteArray sha256(const QByteArray &data);
QByteArray sha512(const QByteArray &data);

// The OpenSSL error queue as one line, emptied.
QString openSslErrors();

} // namespace drydock::trust
