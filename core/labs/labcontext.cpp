// SPDX-License-Identifier: GPL-3.0-or-later
// Naming and labelling of a lab's objects on the engine.
#include "labcontext.h"

namespace drydock::labs {

LabScope LabScope::forLab(const Lab &lab)
{
    LabScope scope;
    scope.labId = lab.id;
    scope.namePrefix = QStringLiteral("drydock-") + lab.id + QLatin1Char('-');
    return scope;
}

QString LabScope::containerName(const QString &labName) const
{
    return namePrefix + labName;
}

QString LabScope::imageRef(const Lab &lab, const QString &reference) const
{
    if (imageNamespace.isEmpty() || !lab.builtImages.contains(reference)) {
        return reference;
    }
    return imageNamespace + reference;
}

QMap<QString, QString> LabScope::labels() const
{
    QMap<QString, QString> all = extraLabels;
    all.insert(QLatin1String(kLabLabel), labId);
    return all;
}

QStringList LabScope::labelSelectors() const
{
    QStringList selectors;
    const QMap<QString, QString> all = labels();
    for (auto it = all.begin(); it != all.end(); ++it) {
        selectors.append(it.key() + QLatin1Char('=') + it.value());
    }
    return selectors;
}

bool LabScope::owns(const QMap<QString, QString> &objectLabels) const
{
    const QMap<QString, QString> all = labels();
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (objectLabels.value(it.key()) != it.value() || !objectLabels.contains(it.key())) {
            return false;
        }
    }
    return true;
}

} // namespace drydock::labs
