// SPDX-License-Identifier: GPL-3.0-or-later
// Content trust for an image, end to end: which Notary server to ask,
// resolving a tag to its signed digest, and the trusted pull and run that
// the window and `drydock trust` use. Blocking: run it on a worker.
#pragma once

#include "docker/engineclient.h"
#include "imageref.h"
#include "notaryclient.h"
#include "tufverifier.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace drydock::trust {

struct TrustOptions
{
    QString trustServer; // --trust-server; must be https
    QString caFile;      // --ca-file
    // Verify against the trust store's saved documents when the server
    // cannot be reached. Never done without this flag.
    bool allowOffline = false;
    Clock clock;                // systemNow() when empty
    QString storeFolder;        // trust store and history; empty = dataPath("trust")
    QString labEnvState;        // the lab environment's folder; empty = dataPath("labenv")
    QMap<QString, QString> env; // DOCKER_CONTENT_TRUST(_SERVER), DOCKER_CONFIG, HOME
    bool recordHistory = true;
};

// The variables content trust reads, from the process environment:
// DOCKER_CONTENT_TRUST, DOCKER_CONTENT_TRUST_SERVER, DOCKER_CONFIG, HOME.
QMap<QString, QString> trustEnvironment();

// True when DOCKER_CONTENT_TRUST in `env` turns trust on, by the docker
// CLI's rule (docker::contentTrustOn): set and not a ParseBool false.
bool contentTrustRequested(const QMap<QString, QString> &env);

struct ServerChoice
{
    NotaryServer server;
    QString why; // "--trust-server", "DOCKER_CONTENT_TRUST_SERVER", ...
};

// --trust-server, else DOCKER_CONTENT_TRUST_SERVER, else the running lab
// environment when the image lives in its registry, else https://<registry>.
// Docker Hub without an explicit server is refused: its Notary is retired.
Result<ServerChoice> chooseNotaryServer(const ImageRef &ref, const TrustOptions &options);

// What Drydock found out about one image's trust.
struct TrustReport
{
    ImageRef ref;
    QString image; // as asked
    ServerChoice server;
    TrustTrace trace;
    std::optional<VerifiedRepository> repository;
    std::optional<TargetEntry> target;
    std::optional<Error> failure; // why the tag is not trusted
    // The trust data was there but failed verification (tampered, forged,
    // expired, rolled back, malformed): what an attack or a broken server
    // looks like. Then the advice is never to bypass trust. False for an
    // image with no trust data or an unsigned tag.
    bool invalidTrustData = false;

    bool trusted() const { return target.has_value() && !failure.has_value(); }
    // "role: keyid" for each signature that vouched for the tag.
    QStringList signers() const;
};

// Resolves `image` through its Notary server and the trust store. Bad
// input (an unparsable name) is an error; everything about the trust data
// itself, including an unreachable server, lands in the report.
Result<TrustReport> inspectTrust(const QString &image, const TrustOptions &options,
                                 const CancelToken &cancel = {});

// Adds an "inspect" entry for `report` to the trust history.
void recordInspection(const TrustReport &report, const TrustOptions &options);

// Forgets the pinned root and versions of one repository (a GUN or an
// image name). False when nothing was saved for it.
Result<bool> resetTrust(const QString &repository, const TrustOptions &options);

using ProgressHandler = std::function<void(const docker::PullProgress &)>;

struct PullOutcome
{
    QString reference; // what the engine pulled: name@digest or name:tag
    QString digest;    // empty for an untrusted pull
    QString taggedAs;  // name:tag after a trusted pull
    bool trusted = false;
};

// With trust: tag -> signed digest, pull by digest, tag; refused when the
// tag is not trusted. Without: a plain pull by tag. `report` (optional)
// receives the resolution for display, also when refused.
Result<PullOutcome> pullImage(docker::EngineClient &engine, const QString &image, bool trust,
                              const TrustOptions &options, const ProgressHandler &progress,
                              const CancelToken &cancel = {}, TrustReport *report = nullptr);

struct RunRequest
{
    QString name;
    QStringList command; // empty: the image's own; a default shell line when it has none
};

struct RunOutcome
{
    QString containerId;
    QString image; // the reference the container was created from
    QString digest;
    bool trusted = false;
    QStringList command;
};

// With trust the container is created only from the trusted digest
// (pulled first when missing). Without trust: from the tag as it is.
Result<RunOutcome> runImage(docker::EngineClient &engine, const QString &image, bool trust,
                            const RunRequest &run, const TrustOptions &options,
                            const ProgressHandler &progress, const CancelToken &cancel = {},
                            TrustReport *report = nullptr);

// The line said before a pull or run ("pull", "run"): whether content
// trust applies. A digest pins the content exactly, so with trust on it is
// taken without a signature lookup, as the docker CLI does; the line says so
// rather than claiming a trust check that does not happen.
QString trustModeLine(const ImageRef &ref, bool trust, const QString &action);

// What an untrusted pull took: by digest (the engine checks the content
// against it) or by tag, without any signature.
QString untrustedPullLine(const PullOutcome &outcome);

// The command a container gets when neither the user nor the image names
// one (the lab's busybox images have none).
QStringList defaultLabCommand();

} // namespace drydock::trust
