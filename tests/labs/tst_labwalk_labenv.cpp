// SPDX-License-Identifier: GPL-3.0-or-later
// The signed/unsigned lab walked end to end on the real engine with the
// trust library's lab environment (registry and Notary on loopback).
#include "labwalk.h"
#include "tests/support/loopbackports.h"
#include "util/process.h"

using namespace labwalk;
using namespace drydock::testing;

class TestLabWalkLabenv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signedUnsignedImages();
};

void TestLabWalkLabenv::signedUnsignedImages()
{
    for (const char *program : {"docker-registry", "notary-server"}) {
        if (findProgram(QLatin1String(program)).isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("%1 is not installed; the lab environment needs it")
                                 .arg(QLatin1String(program))));
        }
    }
    // The lab names localhost:5000 and the Notary on 4443; another lab
    // environment holding them would be used instead of ours.
    if (loopbackPortAnswers(5000) || loopbackPortAnswers(4443)) {
        QSKIP("ports 5000 or 4443 are taken by another lab environment on this machine");
    }
    QString why;
    auto engine = connectEngine(&why);
    QVERIFY2(engine.has_value(), qPrintable(QStringLiteral("the engine is needed: ") + why));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Lab lab = shippedLab(QStringLiteral("signed-unsigned-images"));
    LabContext ctx{lab,
                   testScope(lab),
                   *engine,
                   dir.filePath(QStringLiteral("runs")),
                   dir.filePath(QStringLiteral("trust")),
                   dir.filePath(QStringLiteral("labenv")),
                   {},
                   {}};
    // The lab environment is the trust library's; when it cannot come up
    // here, the walk cannot say anything about this lab.
    Action up;
    up.type = ActionType::LabenvUp;
    up.params = LabenvAction{true};
    Action down;
    down.type = ActionType::LabenvDown;
    down.params = LabenvAction{false};
    if (const auto started = runAction(up, ctx); !started) {
        if (auto stopped = runAction(down, ctx); !stopped) {
            qWarning().noquote() << "labenv down failed:" << stopped.error().text();
        }
        QSKIP(qPrintable(QStringLiteral("the trust library's lab environment (core/trust "
                                        "labenv.cpp) did not come up: ") +
                         started.error().text()));
    }
    QVERIFY(runAction(down, ctx).ok());
    walk(lab, ctx);
    const bool walked = !QTest::currentTestFailed();
    cleanUp(lab, ctx);
    if (!walked) {
        if (auto stopped = runAction(down, ctx); !stopped) {
            qWarning().noquote() << "labenv down failed:" << stopped.error().text();
        }
    }
}

QTEST_GUILESS_MAIN(TestLabWalkLabenv)
#include "tst_labwalk_labenv.moc"
