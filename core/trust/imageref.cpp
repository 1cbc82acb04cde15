// SPDX-License-Identifier: GPL-3.0-or-later
// Image reference parsing, following the docker CLI's normalisation.
#include "imageref.h"

#include <QRegularExpression>

namespace drydock::trust {

namespace {

const QString kDockerHub = QStringLiteral("docker.io");

Error badName(const QString &text, const QString &why)
{
    return makeError(ErrorKind::BadInput,
                     QStringLiteral("\"%1\" is not an image name: %2.").arg(text, why),
                     QStringLiteral("Write it as [registry/]repository[:tag], e.g. "
                                    "localhost:5000/drydock/signed:1."));
}

} // namespace

QString ImageRef::gun() const
{
    return registry + QLatin1Char('/') + repository;
}

QString ImageRef::name() const
{
    if (isDockerHub()) {
        return repository.startsWith(QLatin1String("library/")) ? repository.mid(8) : repository;
    }
    return gun();
}

QString ImageRef::display() const
{
    return digest.isEmpty() ? name() + QLatin1Char(':') + tag : name() + QLatin1Char('@') + digest;
}

bool ImageRef::isDockerHub() const
{
    return registry == kDockerHub || registry == QLatin1String("index.docker.io") ||
           registry == QLatin1String("registry-1.docker.io");
}

QString ImageRef::host() const
{
    if (registry.startsWith(QLatin1Char('['))) {
        return registry.mid(1, registry.indexOf(QLatin1Char(']')) - 1);
    }
    const qsizetype colon = registry.lastIndexOf(QLatin1Char(':'));
    return colon > 0 ? registry.left(colon) : registry;
}

bool ImageRef::isLoopback() const
{
    const QString h = host();
    if (h == QLatin1String("localhost")) {
        return true;
    }
    static const QRegularExpression v4(QStringLiteral("^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"));
    return h == QLatin1String("::1") || v4.match(h).hasMatch();
}

Result<ImageRef> parseImageRef(const QString &text)
{
    static const QRegularExpression component(
        QStringLiteral("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$"));
    static const QRegularExpression tagPattern(
        QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    static const QRegularExpression digestPattern(QStringLiteral("^sha256:[a-f0-9]{64}$"));
    if (text.isEmpty()) {
        return badName(text, QStringLiteral("it is empty"));
    }
    ImageRef ref;
    QString rest = text;
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        ref.digest = rest.mid(at + 1);
        rest = rest.left(at);
        if (!digestPattern.match(ref.digest).hasMatch()) {
            return badName(text, QStringLiteral("the digest is not sha256:<64 hex digits>"));
        }
    }
    const qsizetype lastSlash = rest.lastIndexOf(QLatin1Char('/'));
    const qsizetype tagColon = rest.lastIndexOf(QLatin1Char(':'));
    if (tagColon > lastSlash) {
        ref.tag = rest.mid(tagColon + 1);
        rest = rest.left(tagColon);
        if (!tagPattern.match(ref.tag).hasMatch()) {
            return badName(
                text,
                QStringLiteral("the tag \"%1\" has characters a tag cannot have").arg(ref.tag));
        }
    }
    QStringList parts = rest.split(QLatin1Char('/'));
    const QString first = parts.first();
    const bool hasRegistry =
        parts.size() > 1 &&
        (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
         first == QLatin1String("localhost") || first.startsWith(QLatin1Char('[')));
    if (hasRegistry) {
        ref.registry = first;
        parts.removeFirst();
    } else {
        ref.registry = kDockerHub;
    }
    if (ref.registry == QLatin1String("index.docker.io")) {
        ref.registry = kDockerHub;
    }
    for (const QString &part : parts) {
        if (!component.match(part).hasMatch()) {
            return badName(text, QStringLiteral("\"%1\" must be lower-case letters, digits and "
                                                "separators")
                                     .arg(part));
        }
    }
    if (ref.registry == kDockerHub && parts.size() == 1) {
        parts.prepend(QStringLiteral("library"));
    }
    ref.repository = parts.join(QLatin1Char('/'));
    if (ref.tag.isEmpty() && ref.digest.isEmpty()) {
        ref.tag = QStringLiteral("latest");
    }
    return ref;
}

} // namespace drydock::trust
