// SPDX-License-Identifier: GPL-3.0-or-later
// Every check family joined in catalogue order (sections 1 to 7).
#include "check.h"

namespace drydock::bench {

const QList<CheckLogic> &allChecks()
{
    static const QList<CheckLogic> checks = [] {
        QList<CheckLogic> all;
        for (const QList<CheckLogic> *family :
             {&hostChecks(), &daemonChecks(), &fileChecks(), &imageChecks(), &containerChecks(),
              &operationsChecks(), &swarmChecks()}) {
            all.append(*family);
        }
        return all;
    }();
    return checks;
}

} // namespace drydock::bench
