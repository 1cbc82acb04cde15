// SPDX-License-Identifier: GPL-3.0-or-later
// The progress store and tracker.
#include "progress.h"

#include "util/atomicfile.h"
#include "util/datadir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <unistd.h>

namespace drydock::labs {

using nlohmann::json;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

json timeToJson(const QDateTime &t)
{
    return t.isValid() ? json(t.toUTC().toString(Qt::ISODateWithMs).toStdString()) : json();
}

QDateTime timeFromJson(const json &v)
{
    return v.is_string() ? QDateTime::fromString(qs(v.get<std::string>()), Qt::ISODateWithMs)
                         : QDateTime();
}

const QRegularExpression &safeName()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return re;
}

} // namespace

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::NotStarted:
        return QStringLiteral("not-started");
    case StepStatus::InProgress:
        return QStringLiteral("in-progress");
    case StepStatus::Done:
        return QStringLiteral("done");
    }
    return {};
}

std::optional<StepStatus> stepStatusFromName(const QString &name)
{
    for (StepStatus s : {StepStatus::NotStarted, StepStatus::InProgress, StepStatus::Done}) {
        if (stepStatusName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

json progressToJson(const LabProgress &p)
{
    json steps = json::object();
    for (auto it = p.steps.begin(); it != p.steps.end(); ++it) {
        const StepProgress &s = it.value();
        json answers = json::object();
        for (auto a = s.answers.begin(); a != s.answers.end(); ++a) {
            answers[a.key().toStdString()] = a.value().toStdString();
        }
        json runs = json::array();
        for (const QString &run : s.runIds) {
            runs.push_back(run.toStdString());
        }
        json missing = json::array();
        for (const QString &m : s.lastCheckMissing) {
            missing.push_back(m.toStdString());
        }
        steps[it.key().toStdString()] = {
            {"status", stepStatusName(s.status).toStdString()},
            {"hintsRevealed", s.hintsRevealed},
            {"answers", answers},
            {"runIds", runs},
            {"startedAt", timeToJson(s.startedAt)},
            {"completedAt", timeToJson(s.completedAt)},
            {"lastCheckedAt", timeToJson(s.lastCheckedAt)},
            {"lastCheckPassed", s.lastCheckPassed ? json(*s.lastCheckPassed) : json()},
            {"lastCheckMissing", missing},
        };
    }
    return {{"schemaVersion", LabProgress::kSchemaVersion}, {"labId", p.labId.toStdString()},
            {"labVersion", p.labVersion.toStdString()},     {"user", p.user.toStdString()},
            {"currentStep", p.currentStep.toStdString()},   {"startedAt", timeToJson(p.startedAt)},
            {"updatedAt", timeToJson(p.updatedAt)},         {"steps", steps}};
}

Result<LabProgress> progressFromJson(const json &doc, const QString &source)
{
    const auto bad = [&](const QString &why) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The progress file %1 is not valid: %2.").arg(source, why),
                         QStringLiteral("Reset the lab's progress to start it over."));
    };
    if (!doc.is_object()) {
        return bad(QStringLiteral("it is not a JSON object"));
    }
    const auto version = doc.find("schemaVersion");
    if (version == doc.end() || !version->is_number_integer()) {
        return bad(QStringLiteral("schemaVersion is missing"));
    }
    if (version->get<int>() != LabProgress::kSchemaVersion) {
        return bad(QStringLiteral("it has schema version %1, this Drydock reads %2")
                       .arg(version->get<int>())
                       .arg(LabProgress::kSchemaVersion));
    }
    const auto str = [](const json &o, const char *key) {
        const auto it = o.find(key);
        return it != o.end() && it->is_string() ? qs(it->get<std::string>()) : QString();
    };
    LabProgress p;
    p.labId = str(doc, "labId");
    p.labVersion = str(doc, "labVersion");
    p.user = str(doc, "user");
    p.currentStep = str(doc, "currentStep");
    p.startedAt = timeFromJson(doc.value("startedAt", json()));
    p.updatedAt = timeFromJson(doc.value("updatedAt", json()));
    if (p.labId.isEmpty()) {
        return bad(QStringLiteral("labId is missing"));
    }
    const auto steps = doc.find("steps");
    if (steps == doc.end() || !steps->is_object()) {
        return bad(QStringLiteral("steps is missing"));
    }
    for (auto it = steps->begin(); it != steps->end(); ++it) {
        const json &s = it.value();
        if (!s.is_object()) {
            return bad(QStringLiteral("step %1 is not an object").arg(qs(it.key())));
        }
        StepProgress sp;
        const auto status = stepStatusFromName(str(s, "status"));
        if (!status) {
            return bad(QStringLiteral("step %1 has an unknown status").arg(qs(it.key())));
        }
        sp.status = *status;
        sp.hintsRevealed = s.value("hintsRevealed", 0);
        if (const auto a = s.find("answers"); a != s.end() && a->is_object()) {
            for (auto q = a->begin(); q != a->end(); ++q) {
                if (q->is_string()) {
                    sp.answers.insert(qs(q.key()), qs(q->get<std::string>()));
                }
            }
        }
        for (const char *key : {"runIds", "lastCheckMissing"}) {
            if (const auto list = s.find(key); list != s.end() && list->is_array()) {
                for (const json &item : *list) {
                    if (item.is_string()) {
                        (qstrcmp(key, "runIds") == 0 ? sp.runIds : sp.lastCheckMissing)
                            .append(qs(item.get<std::string>()));
                    }
                }
            }
        }
        sp.startedAt = timeFromJson(s.value("startedAt", json()));
        sp.completedAt = timeFromJson(s.value("completedAt", json()));
        sp.lastCheckedAt = timeFromJson(s.value("lastCheckedAt", json()));
        if (const auto passed = s.find("lastCheckPassed");
            passed != s.end() && passed->is_boolean()) {
            sp.lastCheckPassed = passed->get<bool>();
        }
        p.steps.insert(qs(it.key()), sp);
    }
    return p;
}

ProgressStore::ProgressStore(QString folder, QString user)
    : m_folder(folder.isEmpty() ? dataPath(QStringLiteral("progress")) : std::move(folder)),
      m_user(user.isEmpty() ? currentUser() : std::move(user))
{}

QString ProgressStore::currentUser()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty()) {
        name = qEnvironmentVariable("USERNAME");
    }
    if (name.isEmpty()) {
        name = QStringLiteral("uid-%1").arg(::getuid());
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    name.replace(unsafe, QStringLiteral("_"));
    if (name.startsWith(QLatin1Char('.'))) {
        name.prepend(QLatin1Char('_'));
    }
    return name;
}

QString ProgressStore::filePath(const QString &labId) const
{
    return QDir(m_folder).filePath(m_user + QLatin1Char('/') + labId + QLatin1String(".json"));
}

Result<LabProgress> ProgressStore::load(const QString &labId) const
{
    // Lab ids are validated by the loader; this guards the file name for
    // any other caller.
    if (!safeName().match(labId).hasMatch()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("\"%1\" is not a lab id.").arg(labId));
    }
    const QString path = filePath(labId);
    if (!QFileInfo::exists(path)) {
        LabProgress fresh;
        fresh.labId = labId;
        fresh.user = m_user;
        return fresh;
    }
    const auto data = readFileLimited(path, 16 * 1024 * 1024);
    if (!data) {
        return data.error();
    }
    json doc;
    try {
        doc = json::parse(data->constData(), data->constData() + data->size());
    } catch (const json::exception &e) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The progress file %1 is not valid JSON: %2.")
                             .arg(path, QString::fromUtf8(e.what())),
                         QStringLiteral("Reset the lab's progress to start it over."));
    }
    auto progress = progressFromJson(doc, path);
    if (progress && progress->labId != labId) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The progress file %1 belongs to lab \"%2\".")
                             .arg(path, progress->labId),
                         QStringLiteral("Reset the lab's progress to start it over."));
    }
    return progress;
}

Result<void> ProgressStore::save(const LabProgress &progress) const
{
    if (!safeName().match(progress.labId).hasMatch()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("\"%1\" is not a lab id.").arg(progress.labId));
    }
    const std::string text = progressToJson(progress).dump(2) + "\n";
    return writeFileAtomically(filePath(progress.labId), QByteArray::fromStdString(text));
}

Result<void> ProgressStore::reset(const QString &labId) const
{
    if (!safeName().match(labId).hasMatch()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("\"%1\" is not a lab id.").arg(labId));
    }
    QFile file(filePath(labId));
    if (file.exists() && !file.remove()) {
        return makeError(
            ErrorKind::Io,
            QStringLiteral("Cannot remove %1: %2.").arg(file.fileName(), file.errorString()));
    }
    return {};
}

QStringList ProgressStore::savedLabs() const
{
    // Only finished files: a save interrupted by a crash leaves a temporary
    // file beside them, which is not progress.
    QStringList ids;
    const QDir dir(QDir(m_folder).filePath(m_user));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        ids.append(name.chopped(5));
    }
    return ids;
}

ProgressTracker::ProgressTracker(ProgressStore store, const Lab &lab, LabProgress progress,
                                 Clock clock)
    : m_store(std::move(store)), m_labId(lab.id), m_steps(lab.steps),
      m_progress(std::move(progress)), m_clock(std::move(clock))
{
    if (!m_clock) {
        m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    }
}

Result<ProgressTracker> ProgressTracker::open(const ProgressStore &store, const Lab &lab,
                                              Clock clock)
{
    auto loaded = store.load(lab.id);
    if (!loaded) {
        return loaded.error();
    }
    LabProgress progress = std::move(*loaded);
    if (progress.labVersion.isEmpty()) {
        progress.labVersion = lab.version;
    }
    // Steps that a newer version of the lab dropped are kept in the file
    // (answers are the learner's work) but play no part in the counts.
    return ProgressTracker(store, lab, std::move(progress), std::move(clock));
}

Result<const Step *> ProgressTracker::findStep(const QString &stepId) const
{
    for (const Step &s : m_steps) {
        if (s.id == stepId) {
            return &s;
        }
    }
    return makeError(ErrorKind::BadInput,
                     QStringLiteral("Lab \"%1\" has no step \"%2\".").arg(m_labId, stepId));
}

QStringList ProgressTracker::missingNeeds(const QString &stepId) const
{
    QStringList missing;
    const auto found = findStep(stepId);
    if (!found) {
        return missing;
    }
    for (const QString &need : (*found)->needs) {
        if (m_progress.step(need).status != StepStatus::Done) {
            missing.append(need);
        }
    }
    return missing;
}

bool ProgressTracker::isUnlocked(const QString &stepId) const
{
    return findStep(stepId).ok() && missingNeeds(stepId).isEmpty();
}

bool ProgressTracker::isComplete() const
{
    for (const Step &s : m_steps) {
        if (!s.optional && m_progress.step(s.id).status != StepStatus::Done) {
            return false;
        }
    }
    return true;
}

int ProgressTracker::doneCount() const
{
    int done = 0;
    for (const Step &s : m_steps) {
        done += m_progress.step(s.id).status == StepStatus::Done ? 1 : 0;
    }
    return done;
}

void ProgressTracker::touch(LabProgress &next, const QString &stepId) const
{
    const QDateTime now = m_clock();
    if (!next.startedAt.isValid()) {
        next.startedAt = now;
    }
    next.updatedAt = now;
    if (stepId.isEmpty()) {
        return;
    }
    StepProgress &s = next.steps[stepId];
    if (s.status == StepStatus::NotStarted) {
        s.status = StepStatus::InProgress;
        s.startedAt = now;
    }
}

Result<void> ProgressTracker::update(const std::function<Result<void>(LabProgress &)> &change)
{
    // Another process (the CLI beside the window, a script) may have saved
    // since this tracker last read the file: the change is made to what is
    // on disk now, under the file's lock, so neither change is lost.
    const QString path = m_store.filePath(m_labId);
    return updateFileLocked(path, [&]() -> Result<void> {
        auto current = m_store.load(m_labId);
        if (!current) {
            return current.error();
        }
        LabProgress next = std::move(*current);
        if (next.labVersion.isEmpty()) {
            next.labVersion = m_progress.labVersion;
        }
        if (auto changed = change(next); !changed) {
            return changed;
        }
        if (auto saved = m_store.save(next); !saved) {
            return saved;
        }
        m_progress = std::move(next);
        return {};
    });
}

Result<void> ProgressTracker::setCurrentStep(const QString &stepId)
{
    if (auto found = findStep(stepId); !found) {
        return found.error();
    }
    return update([&](LabProgress &next) -> Result<void> {
        next.currentStep = stepId;
        touch(next, QString());
        return {};
    });
}

Result<int> ProgressTracker::revealHint(const QString &stepId)
{
    const auto found = findStep(stepId);
    if (!found) {
        return found.error();
    }
    const int available = int((*found)->hints.size());
    int revealed = 0;
    auto saved = update([&](LabProgress &next) -> Result<void> {
        touch(next, stepId);
        StepProgress &s = next.steps[stepId];
        if (s.hintsRevealed >= available) {
            return makeError(
                ErrorKind::BadInput,
                available == 0
                    ? QStringLiteral("Step \"%1\" has no hints.").arg(stepId)
                    : QStringLiteral("Every hint of step \"%1\" is shown already.").arg(stepId));
        }
        revealed = ++s.hintsRevealed;
        return {};
    });
    if (!saved) {
        return saved.error();
    }
    return revealed;
}

Result<void> ProgressTracker::setAnswer(const QString &stepId, const QString &questionId,
                                        const QString &text)
{
    const auto found = findStep(stepId);
    if (!found) {
        return found.error();
    }
    const bool known = std::any_of((*found)->questions.begin(), (*found)->questions.end(),
                                   [&](const Question &q) { return q.id == questionId; });
    if (!known) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("Step \"%1\" has no question \"%2\".").arg(stepId, questionId));
    }
    return update([&](LabProgress &next) -> Result<void> {
        touch(next, stepId);
        next.steps[stepId].answers.insert(questionId, text);
        return {};
    });
}

Result<void> ProgressTracker::recordCheck(const QString &stepId, bool passed,
                                          const QStringList &missing)
{
    if (auto found = findStep(stepId); !found) {
        return found.error();
    }
    return update([&](LabProgress &next) -> Result<void> {
        touch(next, stepId);
        StepProgress &s = next.steps[stepId];
        s.lastCheckedAt = next.updatedAt;
        s.lastCheckPassed = passed;
        s.lastCheckMissing = missing;
        if (passed && s.status != StepStatus::Done) {
            s.status = StepStatus::Done;
            s.completedAt = next.updatedAt;
        }
        return {};
    });
}

Result<void> ProgressTracker::markDone(const QString &stepId)
{
    const auto found = findStep(stepId);
    if (!found) {
        return found.error();
    }
    if ((*found)->verify) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("Step \"%1\" is done when its check passes.").arg(stepId),
                         QStringLiteral("Press Check (or run `drydock lab check`)."));
    }
    return update([&](LabProgress &next) -> Result<void> {
        touch(next, stepId);
        StepProgress &s = next.steps[stepId];
        if (s.status != StepStatus::Done) {
            s.status = StepStatus::Done;
            s.completedAt = next.updatedAt;
        }
        return {};
    });
}

Result<void> ProgressTracker::attachRun(const QString &stepId, const QString &runId)
{
    if (auto found = findStep(stepId); !found) {
        return found.error();
    }
    return update([&](LabProgress &next) -> Result<void> {
        touch(next, stepId);
        StepProgress &s = next.steps[stepId];
        if (!s.runIds.contains(runId)) {
            s.runIds.append(runId);
        }
        return {};
    });
}

Result<void> ProgressTracker::reset()
{
    if (auto removed = m_store.reset(m_labId); !removed) {
        return removed;
    }
    LabProgress fresh;
    fresh.labId = m_labId;
    fresh.user = m_store.user();
    fresh.labVersion = m_progress.labVersion;
    m_progress = fresh;
    return {};
}

} // namespace drydock::labs
