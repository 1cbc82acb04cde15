// SPDX-License-Identifier: GPL-3.0-or-later
// TUF key ids, signature verification and signing on OpenSSL 3's EVP API.
#include "tufcrypto.h"

#include "canonicaljson.h"
#include "certificates.h"

#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace drydock::trust {

namespace {

constexpr int kMinRsaBits = 2048;
constexpr int kEd25519KeyBytes = 32;
constexpr int kEd25519SignatureBytes = 64;

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Deleter
{
    void operator()(X509 *cert) const { X509_free(cert); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigDeleter
{
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
using KeyPtr = std::unique_ptr<EVP_PKEY, EvpKeyDeleter>;

BioPtr memoryBio(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

Error keyError(const QString &what)
{
    return makeError(ErrorKind::Untrusted, what);
}

X509Ptr readCertificate(const QByteArray &pem)
{
    BioPtr bio = memoryBio(pem);
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

QDateTime asn1TimeToDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (ASN1_TIME_to_tm(time, &parts) != 1) {
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(qint64(timegm(&parts)), Qt::UTC);
}

// The OpenSSL key behind a TUF public key, of the OpenSSL type `wanted`
// (EVP_PKEY_ED25519, EVP_PKEY_EC or EVP_PKEY_RSA).
Result<KeyPtr> loadPublicKey(const PublicKey &key)
{
    const QString shortId = key.id().left(12);
    KeyPtr pkey;
    if (key.type == QLatin1String(keytype::Ed25519)) {
        if (key.value.size() != kEd25519KeyBytes) {
            return keyError(QStringLiteral("The ed25519 key %1 is %2 bytes long instead of 32.")
                                .arg(shortId)
                                .arg(key.value.size()));
        }
        pkey.reset(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr,
            reinterpret_cast<const unsigned char *>(key.value.constData()),
            size_t(key.value.size())));
    } else if (key.type == QLatin1String(keytype::Ecdsa) ||
               key.type == QLatin1String(keytype::Rsa)) {
        const auto *der = reinterpret_cast<const unsigned char *>(key.value.constData());
        pkey.reset(d2i_PUBKEY(nullptr, &der, long(key.value.size())));
    } else if (key.isCertificate()) {
        X509Ptr cert = readCertificate(key.value);
        if (!cert) {
            return keyError(QStringLiteral("The %1 key %2 does not hold a PEM certificate.")
                                .arg(key.type, shortId));
        }
        pkey.reset(X509_get_pubkey(cert.get()));
    } else {
        return keyError(
            QStringLiteral("The key %1 has the unknown type \"%2\".").arg(shortId, key.type));
    }
    if (!pkey) {
        return keyError(QStringLiteral("The %1 key %2 cannot be read: %3.")
                            .arg(key.type, shortId, openSslErrors()));
    }
    const int base = EVP_PKEY_get_base_id(pkey.get());
    const bool ec = key.type.startsWith(QLatin1String("ecdsa"));
    const bool rsa = key.type.startsWith(QLatin1String("rsa"));
    if ((ec && base != EVP_PKEY_EC) || (rsa && base != EVP_PKEY_RSA)) {
        return keyError(QStringLiteral("The key %1 claims to be %2 but holds another kind of key.")
                            .arg(shortId, key.type));
    }
    if (rsa && EVP_PKEY_get_bits(pkey.get()) < kMinRsaBits) {
        return keyError(QStringLiteral("The RSA key %1 has %2 bits; at least 2048 are required.")
                            .arg(shortId)
                            .arg(EVP_PKEY_get_bits(pkey.get())));
    }
    return pkey;
}

// Notary writes ECDSA signatures as r‖s, each padded to the curve size;
// OpenSSL verifies the DER SEQUENCE of two INTEGERs.
Result<QByteArray> rawEcdsaToDer(EVP_PKEY *pkey, const QByteArray &raw)
{
    const int half = (EVP_PKEY_get_bits(pkey) + 7) / 8;
    if (raw.size() != 2 * half) {
        return keyError(QStringLiteral("The ECDSA signature is %1 bytes long; this key's are %2.")
                            .arg(raw.size())
                            .arg(2 * half));
    }
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw.constData());
    BIGNUM *r = BN_bin2bn(bytes, half, nullptr);
    BIGNUM *s = BN_bin2bn(bytes + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return makeError(ErrorKind::Internal,
                         QStringLiteral("OpenSSL could not hold an ECDSA signature."));
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("OpenSSL could not encode an ECDSA signature."));
    }
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

Result<QByteArray> derEcdsaToRaw(EVP_PKEY *pkey, const QByteArray &der)
{
    const int half = (EVP_PKEY_get_bits(pkey) + 7) / 8;
    const auto *bytes = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(
        d2i_ECDSA_SIG(nullptr, &bytes, long(der.size())));
    if (!sig) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("OpenSSL produced an unreadable ECDSA signature."));
    }
    QByteArray raw(2 * half, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, half) != half ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + half, half) != half) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("An ECDSA signature did not fit the curve size."));
    }
    return raw;
}

// Sets up `ctx` for `method` on `pkey`, for signing or verifying.
Result<void> initDigest(EVP_MD_CTX *ctx, EVP_PKEY *pkey, const QString &method, bool signing)
{
    const int base = EVP_PKEY_get_base_id(pkey);
    const EVP_MD *md = EVP_sha256();
    bool pss = false;
    if (method == QLatin1String(sigmethod::Eddsa)) {
        if (base != EVP_PKEY_ED25519) {
            return keyError(QStringLiteral("An eddsa signature needs an ed25519 key."));
        }
        md = nullptr;
    } else if (method == QLatin1String(sigmethod::Ecdsa)) {
        if (base != EVP_PKEY_EC) {
            return keyError(QStringLiteral("An ecdsa signature needs an ECDSA key."));
        }
    } else if (method == QLatin1String(sigmethod::RsaPss) ||
               method == QLatin1String(sigmethod::RsaPkcs1v15)) {
        if (base != EVP_PKEY_RSA) {
            return keyError(QStringLiteral("An %1 signature needs an RSA key.").arg(method));
        }
        pss = method == QLatin1String(sigmethod::RsaPss);
    } else {
        return keyError(
            QStringLiteral("The signature method \"%1\" is not one Notary uses.").arg(method));
    }
    EVP_PKEY_CTX *pctx = nullptr;
    const int ok = signing ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey)
                           : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey);
    if (ok != 1) {
        return makeError(
            ErrorKind::Internal,
            QStringLiteral("OpenSSL could not start a signature check: %1.").arg(openSslErrors()));
    }
    if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) != 1)) {
        return makeError(ErrorKind::Internal, QStringLiteral("OpenSSL could not set up RSA-PSS."));
    }
    return {};
}

} // namespace

void EvpKeyDeleter::operator()(EVP_PKEY *key) const
{
    EVP_PKEY_free(key);
}

QString openSslErrors()
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256] = {0};
        ERR_error_string_n(code, buffer, sizeof buffer);
        parts << QString::fromLatin1(buffer);
    }
    return parts.isEmpty() ? QStringLiteral("no detail from OpenSSL")
                           : parts.join(QLatin1String("; "));
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(sha256(data).toHex());
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QByteArray sha512(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha512);
}

bool PublicKey::isCertificate() const
{
    return type == QLatin1String(keytype::EcdsaX509) || type == QLatin1String(keytype::RsaX509);
}

nlohmann::json PublicKey::toJson() const
{
    return {{"keytype", type.toStdString()},
            {"keyval", {{"private", nullptr}, {"public", value.toBase64().toStdString()}}}};
}

QString PublicKey::id() const
{
    return computeKeyId(type, value);
}

QString computeKeyId(const QString &type, const QByteArray &value)
{
    const PublicKey key{type, value};
    // A key object of strings and null always has a canonical form.
    return sha256Hex(canonicalJson(key.toJson()).value());
}

Result<PublicKey> parsePublicKey(const nlohmann::json &key, const QString &where)
{
    const auto bad = [&where](const QString &why) {
        return makeError(ErrorKind::Untrusted, QStringLiteral("The key %1 %2.").arg(where, why));
    };
    if (!key.is_object() || !key.contains("keytype") || !key["keytype"].is_string() ||
        !key.contains("keyval") || !key["keyval"].is_object()) {
        return bad(QStringLiteral("lacks \"keytype\" or \"keyval\""));
    }
    const nlohmann::json &keyval = key["keyval"];
    if (!keyval.contains("public") || !keyval["public"].is_string()) {
        return bad(QStringLiteral("has no public part"));
    }
    if (keyval.contains("private") && !keyval["private"].is_null()) {
        return bad(QStringLiteral("carries a private part; published metadata must not"));
    }
    const QByteArray encoded = QByteArray::fromStdString(keyval["public"].get<std::string>());
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return bad(QStringLiteral("has a public part that is not base64"));
    }
    PublicKey out;
    out.type = QString::fromStdString(key["keytype"].get<std::string>()).toLower();
    out.value = *decoded;
    return out;
}

Result<CertificateInfo> certificateInfo(const PublicKey &key)
{
    if (!key.isCertificate()) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("The key %1 is not a certificate.").arg(key.id()));
    }
    X509Ptr cert = readCertificate(key.value);
    if (!cert) {
        return keyError(QStringLiteral("The %1 key %2 does not hold a PEM certificate.")
                            .arg(key.type, key.id().left(12)));
    }
    CertificateInfo info;
    const X509_NAME *subject = X509_get_subject_name(cert.get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index >= 0) {
        ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
        unsigned char *utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, data);
        if (length >= 0) {
            info.commonName = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
            OPENSSL_free(utf8);
        }
    }
    info.notBefore = asn1TimeToDateTime(X509_get0_notBefore(cert.get()));
    info.notAfter = asn1TimeToDateTime(X509_get0_notAfter(cert.get()));
    info.isCa = (X509_get_extension_flags(cert.get()) & EXFLAG_CA) != 0;
    return info;
}

Result<void> verifySignature(const PublicKey &key, const QString &method,
                             const QByteArray &signature, const QByteArray &message)
{
    auto pkey = loadPublicKey(key);
    if (!pkey) {
        return pkey.error();
    }
    const QString lowered = method.toLower();
    QByteArray sig = signature;
    if (lowered == QLatin1String(sigmethod::Ecdsa) &&
        EVP_PKEY_get_base_id(pkey->get()) == EVP_PKEY_EC) {
        auto der = rawEcdsaToDer(pkey->get(), signature);
        if (!der) {
            return der.error();
        }
        sig = *der;
    }
    if (lowered == QLatin1String(sigmethod::Eddsa) && sig.size() != kEd25519SignatureBytes) {
        return keyError(
            QStringLiteral("The eddsa signature is %1 bytes long instead of 64.").arg(sig.size()));
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (auto init = initDigest(ctx.get(), pkey->get(), lowered, false); !init) {
        return init.error();
    }
    const int ok = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
        reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()));
    ERR_clear_error();
    if (ok != 1) {
        return keyError(QStringLiteral("The %1 signature by key %2 does not match the document.")
                            .arg(lowered, key.id().left(12)));
    }
    return {};
}

Result<PrivateKey> PrivateKey::generate(KeyAlgorithm algorithm)
{
    EVP_PKEY *raw = nullptr;
    switch (algorithm) {
    case KeyAlgorithm::Ed25519:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case KeyAlgorithm::EcdsaP256:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyAlgorithm::Rsa2048:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
        break;
    }
    if (!raw) {
        return makeError(
            ErrorKind::Internal,
            QStringLiteral("OpenSSL could not generate a key: %1.").arg(openSslErrors()));
    }
    PrivateKey key;
    key.m_key.reset(raw, EvpKeyDeleter());
    key.m_algorithm = algorithm;
    return key;
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem)
{
    BioPtr bio = memoryBio(pem);
    EVP_PKEY *raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!raw) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The private key file is not an unencrypted PEM key: %1.")
                             .arg(openSslErrors()));
    }
    PrivateKey key;
    key.m_key.reset(raw, EvpKeyDeleter());
    switch (EVP_PKEY_get_base_id(raw)) {
    case EVP_PKEY_ED25519:
        key.m_algorithm = KeyAlgorithm::Ed25519;
        break;
    case EVP_PKEY_EC:
        key.m_algorithm = KeyAlgorithm::EcdsaP256;
        break;
    case EVP_PKEY_RSA:
        key.m_algorithm = KeyAlgorithm::Rsa2048;
        break;
    default:
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The private key is of a kind TUF does not use."));
    }
    return key;
}

QByteArray PrivateKey::toPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

PublicKey PrivateKey::publicKey() const
{
    PublicKey out;
    if (m_algorithm == KeyAlgorithm::Ed25519) {
        size_t length = 0;
        EVP_PKEY_get_raw_public_key(m_key.get(), nullptr, &length);
        QByteArray raw(qsizetype(length), '\0');
        EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(raw.data()),
                                    &length);
        out.type = QString::fromLatin1(keytype::Ed25519);
        out.value = raw;
        return out;
    }
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(m_key.get(), &der);
    out.type =
        QString::fromLatin1(m_algorithm == KeyAlgorithm::EcdsaP256 ? keytype::Ecdsa : keytype::Rsa);
    out.value = QByteArray(reinterpret_cast<const char *>(der), length > 0 ? length : 0);
    OPENSSL_free(der);
    return out;
}

Result<PublicKey> PrivateKey::certificateKey(const QString &commonName, const QDateTime &notBefore,
                                             const QDateTime &notAfter) const
{
    if (m_algorithm == KeyAlgorithm::Ed25519) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("Notary has no certificate form for ed25519 keys."));
    }
    CertificateRequest request;
    request.commonName = commonName;
    request.notBefore = notBefore;
    request.notAfter = notAfter;
    request.usage = CertificateUsage::CodeSigning;
    auto pem = makeCertificate(*this, request, nullptr, {});
    if (!pem) {
        return pem.error();
    }
    PublicKey out;
    out.type = QString::fromLatin1(m_algorithm == KeyAlgorithm::EcdsaP256 ? keytype::EcdsaX509
                                                                          : keytype::RsaX509);
    out.value = *pem;
    return out;
}

QString PrivateKey::defaultMethod() const
{
    switch (m_algorithm) {
    case KeyAlgorithm::Ed25519:
        return QString::fromLatin1(sigmethod::Eddsa);
    case KeyAlgorithm::EcdsaP256:
        return QString::fromLatin1(sigmethod::Ecdsa);
    case KeyAlgorithm::Rsa2048:
        break;
    }
    return QString::fromLatin1(sigmethod::RsaPss);
}

Result<QByteArray> PrivateKey::sign(const QString &method, const QByteArray &message) const
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (auto init = initDigest(ctx.get(), m_key.get(), method, true); !init) {
        return init.error();
    }
    size_t length = 0;
    const auto *msg = reinterpret_cast<const unsigned char *>(message.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &length, msg, size_t(message.size())) != 1) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("OpenSSL could not sign: %1.").arg(openSslErrors()));
    }
    QByteArray sig(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &length, msg,
                       size_t(message.size())) != 1) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("OpenSSL could not sign: %1.").arg(openSslErrors()));
    }
    sig.resize(qsizetype(length));
    if (method == QLatin1String(sigmethod::Ecdsa)) {
        return derEcdsaToRaw(m_key.get(), sig);
    }
    return sig;
}

} // namespace drydock::trust
