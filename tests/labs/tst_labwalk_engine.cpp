// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped labs that need only the engine, walked end to end on the real
// engine: every step's check fails before its actions and passes after.
#include "labwalk.h"

using namespace labwalk;

class TestLabWalkEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dockerBenchHardening();
    void imageHygiene();

private:
    std::optional<docker::EngineClient> m_engine;
    QTemporaryDir m_dir;
};

void TestLabWalkEngine::initTestCase()
{
    QString why;
    m_engine = connectEngine(&why);
    QVERIFY2(m_engine.has_value(), qPrintable(QStringLiteral("the engine is needed: ") + why));
    QVERIFY(m_dir.isValid());
}

void TestLabWalkEngine::dockerBenchHardening()
{
    const Lab lab = shippedLab(QStringLiteral("docker-bench-hardening"));
    LabContext ctx{lab,
                   testScope(lab),
                   *m_engine,
                   m_dir.filePath(QStringLiteral("runs1")),
                   m_dir.filePath(QStringLiteral("trust1")),
                   m_dir.filePath(QStringLiteral("labenv1")),
                   {},
                   {}};
    // The daemon step asks for settings of the shared engine that a test
    // must not change (restarting dockerd stops everyone's containers).
    walk(lab, ctx, {QStringLiteral("daemon-settings")});
    cleanUp(lab, ctx);
}

void TestLabWalkEngine::imageHygiene()
{
    const Lab lab = shippedLab(QStringLiteral("image-hygiene"));
    LabContext ctx{lab,
                   testScope(lab),
                   *m_engine,
                   m_dir.filePath(QStringLiteral("runs3")),
                   m_dir.filePath(QStringLiteral("trust3")),
                   m_dir.filePath(QStringLiteral("labenv3")),
                   {},
                   {}};
    walk(lab, ctx);
    cleanUp(lab, ctx);
}

QTEST_GUILESS_MAIN(TestLabWalkEngine)
#include "tst_labwalk_engine.moc"
