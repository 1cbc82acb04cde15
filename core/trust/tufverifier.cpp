// SPDX-License-Identifier: GPL-3.0-or-later
// TUF verification in the documented order, with a step trace.
#include "tufverifier.h"

#include "util/logging.h"

namespace drydock::trust {

namespace {

constexpr qint64 kMaxRootBytes = 2 * 1024 * 1024;
constexpr qint64 kMaxTimestampBytes = 1024 * 1024;
constexpr qint64 kDefaultMaxBytes = 32 * 1024 * 1024;
constexpr int kMaxRootWalk = 200;

struct Verifier
{
    QString gun;
    MetadataSource &source;
    RepoTrust &state;
    const Clock &clock;
    TrustTrace &trace;
    const CancelToken &cancel;
    QDateTime now;
    QMap<QString, QByteArray> fetched;
    QMap<QString, qint64> versions;

    Error fail(const QString &roleName, const Error &error, const QString &file = {})
    {
        TrustStep step;
        step.role = roleName;
        step.good = false;
        step.summary = error.message;
        step.source = file.isEmpty() ? QString() : source.location(file);
        trace.steps.append(step);
        return error;
    }

    void pass(const QString &roleName, const SignedDocument &doc, const QStringList &keyIds,
              const QString &file, const QString &summary)
    {
        TrustStep step;
        step.role = roleName;
        step.good = true;
        step.summary = summary;
        step.keyIds = keyIds;
        step.expires = doc.expires;
        step.version = doc.version;
        step.source = source.location(file);
        trace.steps.append(step);
    }

    Result<QByteArray> get(const QString &roleName, const QString &file, qint64 maxBytes)
    {
        auto bytes = source.fetch(file, maxBytes, cancel);
        if (!bytes) {
            Error error = bytes.error();
            if (error.httpStatus == 404) {
                error.kind = ErrorKind::Untrusted;
                error.message = QStringLiteral("The Notary server has no %1 metadata for %2 (%3).")
                                    .arg(roleName, gun, source.location(file));
            }
            return fail(roleName, error, file);
        }
        fetched.insert(file, *bytes);
        return bytes;
    }

    Result<void> checkExpiry(const SignedDocument &doc)
    {
        if (doc.expires <= now) {
            return makeError(
                ErrorKind::Untrusted,
                QStringLiteral("The %1 metadata expired on %2 (it is now %3): expired "
                               "trust data is refused, since a server could be "
                               "replaying a frozen view of the repository.")
                    .arg(doc.role, doc.expires.toString(Qt::ISODate), now.toString(Qt::ISODate)));
        }
        return {};
    }

    Result<void> checkVersion(const SignedDocument &doc)
    {
        const qint64 seen = state.versions.value(doc.role, 0);
        if (doc.version < seen) {
            return makeError(ErrorKind::Untrusted,
                             QStringLiteral("The server offers %1 version %2, but Drydock already "
                                            "verified version %3: going back to an older version "
                                            "(a rollback) is refused.")
                                 .arg(doc.role)
                                 .arg(doc.version)
                                 .arg(seen));
        }
        versions.insert(doc.role, doc.version);
        return {};
    }

    // The root role's keys whose certificates name this repository and are
    // valid now (or at any time, for an already trusted root being left).
    KeyMap usableRootKeys(const RootInfo &root, bool checkValidity, QStringList &problems)
    {
        KeyMap usable;
        for (const QString &id : root.roles.value(QString::fromLatin1(role::Root)).keyIds) {
            const PublicKey key = root.keys.value(id);
            if (!key.isCertificate()) {
                problems << QStringLiteral("root key %1 is a bare %2 key, not a certificate")
                                .arg(id.left(12), key.type);
                continue;
            }
            auto info = certificateInfo(key);
            if (!info) {
                problems << info.error().message;
                continue;
            }
            if (info->commonName != gun) {
                problems << QStringLiteral("root key %1's certificate is for \"%2\", not %3")
                                .arg(id.left(12), info->commonName, gun);
                continue;
            }
            if (info->isCa) {
                problems << QStringLiteral("root key %1's certificate is a CA certificate")
                                .arg(id.left(12));
                continue;
            }
            if (checkValidity && (now < info->notBefore || now > info->notAfter)) {
                problems << QStringLiteral("root key %1's certificate is valid only from %2 to %3")
                                .arg(id.left(12), info->notBefore.toString(Qt::ISODate),
                                     info->notAfter.toString(Qt::ISODate));
                continue;
            }
            usable.insert(id, key);
        }
        return usable;
    }

    // A root signed by a threshold of its own root keys (certificates for
    // this GUN). Returns the key ids that signed.
    Result<QStringList> checkSelfSigned(const SignedDocument &doc, const RootInfo &root,
                                        bool checkValidity)
    {
        QStringList problems;
        const KeyMap usable = usableRootKeys(root, checkValidity, problems);
        auto signers =
            checkSignatures(doc, usable, root.roles.value(QString::fromLatin1(role::Root)),
                            QString::fromLatin1(role::Root));
        if (!signers) {
            Error error = signers.error();
            if (!problems.isEmpty()) {
                error.message += QStringLiteral(" Unusable root keys: ") +
                                 problems.join(QLatin1String("; ")) + QLatin1Char('.');
            }
            return error;
        }
        return signers;
    }

    Result<QPair<SignedDocument, RootInfo>> verifyRoot()
    {
        const QString rootRole = QString::fromLatin1(role::Root);
        const QString file = QStringLiteral("root.json");
        auto raw = get(rootRole, file, kMaxRootBytes);
        if (!raw) {
            Error error = raw.error();
            if (error.httpStatus == 404) {
                error.message =
                    state.hasRoot()
                        ? QStringLiteral("The Notary server no longer has trust data for %1, "
                                         "although Drydock pinned its root before (%2).")
                              .arg(gun, source.location(file))
                        : QStringLiteral("Remote trust data does not exist for %1: the "
                                         "Notary server has no signed metadata for it (%2).")
                              .arg(gun, source.location(file));
                trace.steps.last().summary = error.message;
            }
            return error;
        }
        auto doc = parseSignedDocument(*raw, rootRole);
        if (!doc) {
            return fail(rootRole, doc.error(), file);
        }
        auto info = parseRoot(*doc);
        if (!info) {
            return fail(rootRole, info.error(), file);
        }
        QString how = QStringLiteral("first use: pinned now");
        if (state.hasRoot()) {
            auto pinned = parseSignedDocument(state.root, rootRole);
            auto pinnedInfo = pinned ? parseRoot(*pinned) : Result<RootInfo>(pinned.error());
            if (!pinned || !pinnedInfo) {
                return fail(
                    rootRole,
                    makeError(ErrorKind::Io,
                              QStringLiteral("The pinned root of %1 in the trust store is damaged.")
                                  .arg(gun),
                              QStringLiteral("Reset it with --reset-trust %1.").arg(gun)));
            }
            if (doc->version < pinned->version) {
                return fail(rootRole,
                            makeError(ErrorKind::Untrusted,
                                      QStringLiteral(
                                          "The server offers root version %1, but Drydock "
                                          "pinned version %2: a rollback of the root is refused.")
                                          .arg(doc->version)
                                          .arg(pinned->version)),
                            file);
            }
            if (doc->version == pinned->version) {
                if (doc->canonical != pinned->canonical) {
                    return fail(
                        rootRole,
                        makeError(ErrorKind::Untrusted,
                                  QStringLiteral("The root of %1 changed without a new version "
                                                 "(still %2): Drydock keeps the root it pinned and "
                                                 "refuses this one.")
                                      .arg(gun)
                                      .arg(doc->version),
                                  QStringLiteral("If the repository was re-created on purpose "
                                                 "(e.g. the lab environment restarted), reset "
                                                 "its trust with --reset-trust %1.")
                                      .arg(gun)),
                        file);
                }
                how = QStringLiteral("matches the pinned root");
            } else {
                auto walked = walkRotation(*pinned, *pinnedInfo, *doc);
                if (!walked) {
                    return fail(rootRole, walked.error(), file);
                }
                how = QStringLiteral("rotated from pinned version %1, each step signed by the old "
                                     "and the new root keys")
                          .arg(pinned->version);
            }
        }
        auto signers = checkSelfSigned(*doc, *info, true);
        if (!signers) {
            return fail(rootRole, signers.error(), file);
        }
        if (auto expiry = checkExpiry(*doc); !expiry) {
            return fail(rootRole, expiry.error(), file);
        }
        versions.insert(rootRole, doc->version);
        pass(rootRole, *doc, *signers, file,
             QStringLiteral("Root version %1 is signed by its root key (%2).")
                 .arg(doc->version)
                 .arg(how));
        return qMakePair(*doc, *info);
    }

    // From the pinned root up to `latest`, one version at a time; each new
    // root must be signed by a threshold of the previous root's keys and of
    // its own.
    Result<void> walkRotation(SignedDocument trusted, RootInfo trustedInfo,
                              const SignedDocument &latest)
    {
        const QString rootRole = QString::fromLatin1(role::Root);
        if (latest.version - trusted.version > kMaxRootWalk) {
            return makeError(
                ErrorKind::Untrusted,
                QStringLiteral("The root jumped from version %1 to %2; Drydock walks at "
                               "most %3 rotations.")
                    .arg(trusted.version)
                    .arg(latest.version)
                    .arg(kMaxRootWalk));
        }
        for (qint64 v = trusted.version + 1; v <= latest.version; ++v) {
            SignedDocument next = latest;
            if (v < latest.version) {
                const QString file = QStringLiteral("%1.root.json").arg(v);
                auto raw = source.fetch(file, kMaxRootBytes, cancel);
                if (!raw) {
                    Error error = raw.error();
                    if (error.httpStatus == 404) {
                        error.kind = ErrorKind::Untrusted;
                        error.message =
                            QStringLiteral("Root version %1 is missing (%2), so the rotation "
                                           "from the pinned root cannot be checked.")
                                .arg(v)
                                .arg(source.location(file));
                    }
                    return error;
                }
                auto doc = parseSignedDocument(*raw, rootRole);
                if (!doc) {
                    return doc.error();
                }
                next = *doc;
            }
            if (next.version != v) {
                return makeError(ErrorKind::Untrusted,
                                 QStringLiteral("The file for root version %1 holds version %2.")
                                     .arg(v)
                                     .arg(next.version));
            }
            auto nextInfo = parseRoot(next);
            if (!nextInfo) {
                return nextInfo.error();
            }
            QStringList problems;
            const KeyMap oldKeys = usableRootKeys(trustedInfo, false, problems);
            auto byOld =
                checkSignatures(next, oldKeys, trustedInfo.roles.value(rootRole), rootRole);
            if (!byOld) {
                return makeError(
                    ErrorKind::Untrusted,
                    QStringLiteral("Root version %1 is not signed by the keys of the "
                                   "trusted root version %2, so the rotation is refused "
                                   "(%3).")
                        .arg(v)
                        .arg(trusted.version)
                        .arg(byOld.error().message));
            }
            auto byNew = checkSelfSigned(next, *nextInfo, false);
            if (!byNew) {
                return makeError(ErrorKind::Untrusted,
                                 QStringLiteral("Root version %1 is not signed by its own new root "
                                                "keys, so the rotation is refused (%2).")
                                     .arg(v)
                                     .arg(byNew.error().message));
            }
            trusted = next;
            trustedInfo = *nextInfo;
        }
        return {};
    }

    // Fetches `roleName` by the hash `recorded` names, checks length and
    // hashes over the raw bytes, parses it.
    Result<SignedDocument> fetchRecorded(const QString &roleName, const FileMeta &recorded,
                                         const QString &recordedBy, QString &file)
    {
        const QByteArray hash = recorded.hashes.value(QStringLiteral("sha256"));
        file = hash.isEmpty()
                   ? roleName + QStringLiteral(".json")
                   : QStringLiteral("%1.%2.json").arg(roleName, QString::fromLatin1(hash.toHex()));
        const qint64 limit = recorded.length > 0 ? recorded.length + 1 : kDefaultMaxBytes;
        auto raw = get(roleName, file, std::min(limit, kDefaultMaxBytes));
        if (!raw) {
            return raw.error();
        }
        if (auto meta = checkFileMeta(*raw, recorded, roleName, recordedBy); !meta) {
            return fail(roleName, meta.error(), file);
        }
        auto doc = parseSignedDocument(*raw, roleName);
        if (!doc) {
            return fail(roleName, doc.error(), file);
        }
        return doc;
    }

    // Signatures, expiry and version of a document already hash-checked.
    Result<QStringList> checkRole(const SignedDocument &doc, const KeyMap &keys,
                                  const RoleKeys &roleKeys, const QString &file)
    {
        auto signers = checkSignatures(doc, keys, roleKeys, doc.role);
        if (!signers) {
            return fail(doc.role, signers.error(), file);
        }
        if (auto expiry = checkExpiry(doc); !expiry) {
            return fail(doc.role, expiry.error(), file);
        }
        if (auto version = checkVersion(doc); !version) {
            return fail(doc.role, version.error(), file);
        }
        return signers;
    }

    static std::optional<FileMeta> metaFor(const QMap<QString, FileMeta> &meta,
                                           const QString &roleName)
    {
        if (meta.contains(roleName)) {
            return meta.value(roleName);
        }
        if (meta.contains(roleName + QStringLiteral(".json"))) {
            return meta.value(roleName + QStringLiteral(".json"));
        }
        return std::nullopt;
    }

    void listKeys(VerifiedRepository &repo, const QString &roleName, const KeyMap &keys,
                  const QStringList &ids)
    {
        for (const QString &id : ids) {
            const PublicKey key = keys.value(id);
            KeyListing listing;
            listing.role = roleName;
            listing.keyId = id;
            listing.keyType = key.type;
            if (key.isCertificate()) {
                if (auto info = certificateInfo(key)) {
                    listing.commonName = info->commonName;
                    listing.certNotAfter = info->notAfter;
                }
            }
            repo.keys.append(listing);
        }
    }

    Result<VerifiedRepository> run()
    {
        now = clock ? clock() : systemNow();
        VerifiedRepository repo;
        repo.gun = gun;

        auto root = verifyRoot();
        if (!root) {
            return root.error();
        }
        const RootInfo &rootInfo = root->second;
        for (const QString &roleName : rootInfo.roles.keys()) {
            listKeys(repo, roleName, rootInfo.keys, rootInfo.roles.value(roleName).keyIds);
        }
        repo.roles.append({QString::fromLatin1(role::Root), root->first.version,
                           root->first.expires, trace.steps.last().keyIds});

        // timestamp
        const QString tsRole = QString::fromLatin1(role::Timestamp);
        const QString tsFile = QStringLiteral("timestamp.json");
        auto tsRaw = get(tsRole, tsFile, kMaxTimestampBytes);
        if (!tsRaw) {
            return tsRaw.error();
        }
        auto ts = parseSignedDocument(*tsRaw, tsRole);
        if (!ts) {
            return fail(tsRole, ts.error(), tsFile);
        }
        auto tsSigners = checkRole(*ts, rootInfo.keys, rootInfo.roles.value(tsRole), tsFile);
        if (!tsSigners) {
            return tsSigners.error();
        }
        auto tsMeta = parseMeta(*ts);
        if (!tsMeta) {
            return fail(tsRole, tsMeta.error(), tsFile);
        }
        const auto snapshotMeta = metaFor(*tsMeta, QString::fromLatin1(role::Snapshot));
        if (!snapshotMeta) {
            return fail(tsRole,
                        makeError(ErrorKind::Untrusted,
                                  QStringLiteral("The timestamp does not record the snapshot.")),
                        tsFile);
        }
        pass(tsRole, *ts, *tsSigners, tsFile,
             QStringLiteral("Timestamp version %1 is signed by the timestamp key and not expired.")
                 .arg(ts->version));
        repo.roles.append({tsRole, ts->version, ts->expires, *tsSigners});

        // snapshot
        const QString snRole = QString::fromLatin1(role::Snapshot);
        QString snFile;
        auto sn = fetchRecorded(snRole, *snapshotMeta, QStringLiteral("the timestamp"), snFile);
        if (!sn) {
            return sn.error();
        }
        auto snSigners = checkRole(*sn, rootInfo.keys, rootInfo.roles.value(snRole), snFile);
        if (!snSigners) {
            return snSigners.error();
        }
        auto snMeta = parseMeta(*sn);
        if (!snMeta) {
            return fail(snRole, snMeta.error(), snFile);
        }
        const auto targetsMeta = metaFor(*snMeta, QString::fromLatin1(role::Targets));
        if (!targetsMeta) {
            return fail(snRole,
                        makeError(ErrorKind::Untrusted,
                                  QStringLiteral("The snapshot does not record the targets.")),
                        snFile);
        }
        pass(
            snRole, *sn, *snSigners, snFile,
            QStringLiteral("Snapshot version %1 matches the timestamp's hash and length, is signed "
                           "by the snapshot key and not expired.")
                .arg(sn->version));
        repo.roles.append({snRole, sn->version, sn->expires, *snSigners});

        // targets
        const QString tgRole = QString::fromLatin1(role::Targets);
        QString tgFile;
        auto tg = fetchRecorded(tgRole, *targetsMeta, QStringLiteral("the snapshot"), tgFile);
        if (!tg) {
            return tg.error();
        }
        auto tgSigners = checkRole(*tg, rootInfo.keys, rootInfo.roles.value(tgRole), tgFile);
        if (!tgSigners) {
            return tgSigners.error();
        }
        auto tgInfo = parseTargets(*tg);
        if (!tgInfo) {
            return fail(tgRole, tgInfo.error(), tgFile);
        }
        pass(tgRole, *tg, *tgSigners, tgFile,
             QStringLiteral(
                 "Targets version %1 matches the snapshot's hash and length, is signed by "
                 "the targets key and not expired; it lists %2 tag(s).")
                 .arg(tg->version)
                 .arg(tgInfo->targets.size()));
        repo.roles.append({tgRole, tg->version, tg->expires, *tgSigners});
        repo.signersByRole.insert(tgRole, *tgSigners);

        // Delegations one level below targets, where Docker's signers live
        // (targets/releases, targets/<user>). Deeper ones (targets/a/b) are
        // not followed: a repository that delegates further would need this
        // walk made recursive, with each level's paths inside its parent's.
        QList<QPair<QString, QMap<QString, FileMeta>>> delegated;
        for (const Delegation &delegation : tgInfo->delegations) {
            const auto recorded = metaFor(*snMeta, delegation.name);
            if (!recorded) {
                continue; // declared but never published: nothing it could sign
            }
            QString file;
            auto doc =
                fetchRecorded(delegation.name, *recorded, QStringLiteral("the snapshot"), file);
            if (!doc) {
                return doc.error();
            }
            RoleKeys roleKeys{delegation.keyIds, delegation.threshold};
            auto signers = checkRole(*doc, tgInfo->delegationKeys, roleKeys, file);
            if (!signers) {
                return signers.error();
            }
            auto info = parseTargets(*doc);
            if (!info) {
                return fail(delegation.name, info.error(), file);
            }
            QMap<QString, FileMeta> allowed;
            int outside = 0;
            for (auto it = info->targets.cbegin(); it != info->targets.cend(); ++it) {
                const bool inPaths = std::any_of(
                    delegation.paths.cbegin(), delegation.paths.cend(),
                    [&it](const QString &prefix) { return it.key().startsWith(prefix); });
                if (inPaths) {
                    allowed.insert(it.key(), it.value());
                } else {
                    ++outside;
                }
            }
            QString summary =
                QStringLiteral("%1 version %2 matches the snapshot, is signed by %3 of its "
                               "delegated key(s) and not expired; it lists %4 tag(s).")
                    .arg(delegation.name)
                    .arg(doc->version)
                    .arg(signers->size())
                    .arg(allowed.size());
            if (outside > 0) {
                summary += QStringLiteral(" %1 tag(s) outside its delegated paths were ignored.")
                               .arg(outside);
            }
            pass(delegation.name, *doc, *signers, file, summary);
            repo.roles.append({delegation.name, doc->version, doc->expires, *signers});
            repo.signersByRole.insert(delegation.name, *signers);
            listKeys(repo, delegation.name, tgInfo->delegationKeys, delegation.keyIds);
            if (delegation.name == QLatin1String(role::Releases)) {
                delegated.prepend({delegation.name, allowed});
            } else {
                delegated.append({delegation.name, allowed});
            }
        }
        repo.targetsByRole = delegated;
        repo.targetsByRole.append({tgRole, tgInfo->targets});

        // Everything verified: the caller may save what was learned.
        state.gun = gun;
        state.root = root->first.raw;
        for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
            state.versions.insert(it.key(), std::max(state.versions.value(it.key()), it.value()));
        }
        state.files = fetched;
        state.verifiedAt = now;
        return repo;
    }
};

} // namespace

QDateTime systemNow()
{
    return QDateTime::currentDateTimeUtc();
}

bool TrustTrace::good() const
{
    return !steps.isEmpty() && std::all_of(steps.cbegin(), steps.cend(),
                                           [](const TrustStep &step) { return step.good; });
}

QStringList VerifiedRepository::tags() const
{
    QStringList out;
    for (const auto &[roleName, targets] : targetsByRole) {
        for (const QString &tag : targets.keys()) {
            if (!out.contains(tag)) {
                out << tag;
            }
        }
    }
    out.sort();
    return out;
}

Result<VerifiedRepository> verifyRepository(const QString &gun, MetadataSource &source,
                                            RepoTrust &state, const Clock &clock, TrustTrace &trace,
                                            const CancelToken &cancel)
{
    Verifier verifier{gun, source, state, clock, trace, cancel, {}, {}, {}};
    auto result = verifier.run();
    if (!result) {
        qCDebug(lcTrust) << "verification of" << gun << "failed:" << result.error().message;
    }
    return result;
}

Result<QString> manifestDigest(const FileMeta &meta, const QString &tag)
{
    const QByteArray hash = meta.hashes.value(QStringLiteral("sha256"));
    if (hash.size() != 32) {
        return makeError(
            ErrorKind::Untrusted,
            QStringLiteral("The signed entry for %1 has no SHA-256 manifest digest.").arg(tag));
    }
    return QString(QStringLiteral("sha256:") + QString::fromLatin1(hash.toHex()));
}

Result<TargetEntry> findTarget(const VerifiedRepository &repo, const QString &tag,
                               TrustTrace &trace)
{
    TrustStep step;
    step.role = QStringLiteral("digest");
    for (const auto &[roleName, targets] : repo.targetsByRole) {
        if (!targets.contains(tag)) {
            continue;
        }
        auto digest = manifestDigest(targets.value(tag), tag);
        if (!digest) {
            step.summary = digest.error().message;
            trace.steps.append(step);
            return digest.error();
        }
        TargetEntry entry;
        entry.name = tag;
        entry.digest = *digest;
        entry.length = targets.value(tag).length;
        entry.role = roleName;
        entry.signerKeyIds = repo.signersByRole.value(roleName);
        step.good = true;
        step.keyIds = entry.signerKeyIds;
        step.summary = QStringLiteral("The tag %1 is signed in %2: %3 (%4 bytes).")
                           .arg(tag, roleName, entry.digest)
                           .arg(entry.length);
        for (const RoleStatus &status : repo.roles) {
            if (status.role == roleName) {
                step.expires = status.expires;
                step.version = status.version;
            }
        }
        trace.steps.append(step);
        return entry;
    }
    const QStringList tags = repo.tags();
    step.summary =
        QStringLiteral("No valid trust data for %1: the signed tags of %2 are %3.")
            .arg(tag, repo.gun,
                 tags.isEmpty() ? QStringLiteral("none") : tags.join(QLatin1String(", ")));
    trace.steps.append(step);
    return makeError(ErrorKind::Untrusted, step.summary);
}

} // namespace drydock::trust
