// The settings registry in the core: no QApplication, a temporary settings file. What it hands
// the listener when nothing is stored, when something is, and when what is stored is damaged.

#include "config/settings.h"

#include <QTemporaryDir>
#include <QtTest>

using Config::Settings;

namespace {

/// Every limit the listener gets, compared one by one so a failure names the limit.
void compareLimits(const Http::Limits &actual, const Http::Limits &expected)
{
    QCOMPARE(actual.maxHeadBytes, expected.maxHeadBytes);
    QCOMPARE(actual.maxHeaderCount, expected.maxHeaderCount);
    QCOMPARE(actual.maxBodyBytes, expected.maxBodyBytes);
    QCOMPARE(actual.headTimeoutMs, expected.headTimeoutMs);
    QCOMPARE(actual.idleTimeoutMs, expected.idleTimeoutMs);
    QCOMPARE(actual.maxConnections, expected.maxConnections);
    QCOMPARE(actual.maxPipelined, expected.maxPipelined);
}

} // namespace

class TstSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultsAreTheListenersOwn();
    void valuesSurviveARestart();
    void keysAreTheOnesAlreadyStored();
    void storedAddress_data();
    void storedAddress();
    void damagedNumbersReadAsDefaults_data();
    void damagedNumbersReadAsDefaults();
    void storedPort_data();
    void storedPort();

private:
    /// The settings file of this test function, as a fresh start of the app would open it.
    std::unique_ptr<QSettings> file() const
    {
        return std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("hookscope.conf")), QSettings::IniFormat);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstSettings::defaultsAreTheListenersOwn()
{
    const auto backend = file();
    const Settings settings(backend.get());
    const Http::Limits defaults;
    compareLimits(settings.limits(), defaults);
    if (QTest::currentTestFailed())
        return;
    // The entries' own defaults are the same numbers, for whoever reads an entry directly.
    QCOMPARE(settings.get(Settings::MaxBodyBytes), defaults.maxBodyBytes);
    QCOMPARE(settings.get(Settings::MaxHeadBytes), qint64(defaults.maxHeadBytes));
    QCOMPARE(settings.get(Settings::MaxConnections), defaults.maxConnections);

    QCOMPARE(settings.listenAddress(), QHostAddress(QHostAddress::LocalHost)); // loopback unless asked
    QCOMPARE(settings.listenPort(), quint16(8080));
    QCOMPARE(settings.get(Settings::DurableAnswers), true);
    QVERIFY(settings.get(Settings::AnswerRules).isEmpty());
    QVERIFY(backend->allKeys().isEmpty()); // reading wrote nothing
}

void TstSettings::valuesSurviveARestart()
{
    Http::Limits chosen;
    chosen.maxBodyBytes = qint64(5) * 1024 * 1024 * 1024; // past 32 bits
    chosen.maxHeadBytes = 32 * 1024;
    chosen.maxHeaderCount = 77;
    chosen.headTimeoutMs = 12'000;
    chosen.idleTimeoutMs = 45'000;
    chosen.maxConnections = 321;
    {
        const auto backend = file();
        Settings settings(backend.get());
        settings.set(Settings::BindAddress, QStringLiteral("::1"));
        settings.set(Settings::Port, 9123);
        settings.setLimits(chosen);
        settings.set(Settings::DurableAnswers, false);
        settings.set(Settings::AnswerRules, QByteArray("{\"rules\":[]}\x00\xff", 14));
    }
    const auto backend = file();
    const Settings settings(backend.get());
    QCOMPARE(settings.get(Settings::BindAddress), QStringLiteral("::1"));
    QCOMPARE(settings.listenAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(settings.listenPort(), quint16(9123));
    QCOMPARE(settings.get(Settings::DurableAnswers), false);
    QCOMPARE(settings.get(Settings::AnswerRules), QByteArray("{\"rules\":[]}\x00\xff", 14));
    compareLimits(settings.limits(), chosen);
    QCOMPARE(settings.get(Settings::MaxHeaderCount), 77); // each entry reads what setLimits() wrote
}

void TstSettings::keysAreTheOnesAlreadyStored()
{
    // Settings written before the registry moved to the core keep applying.
    {
        const auto backend = file();
        backend->setValue(QStringLiteral("capture/bindAddress"), QStringLiteral("0.0.0.0"));
        backend->setValue(QStringLiteral("capture/port"), 9000);
        backend->setValue(QStringLiteral("capture/maxBodyBytes"), qint64(1024 * 1024));
        backend->setValue(QStringLiteral("capture/maxHeadBytes"), qint64(2048));
        backend->setValue(QStringLiteral("capture/maxHeaderCount"), 10);
        backend->setValue(QStringLiteral("capture/headTimeoutMs"), 1000);
        backend->setValue(QStringLiteral("capture/idleTimeoutMs"), 2000);
        backend->setValue(QStringLiteral("capture/maxConnections"), 3);
        backend->setValue(QStringLiteral("capture/durableAnswers"), false);
        backend->setValue(QStringLiteral("capture/answerRules"), QByteArray("{}"));
    }
    const auto backend = file();
    const Settings settings(backend.get());
    QCOMPARE(settings.listenAddress(), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(settings.listenPort(), quint16(9000));
    const Http::Limits limits = settings.limits();
    QCOMPARE(limits.maxBodyBytes, qint64(1024 * 1024));
    QCOMPARE(limits.maxHeadBytes, qsizetype(2048));
    QCOMPARE(limits.maxHeaderCount, 10);
    QCOMPARE(limits.headTimeoutMs, 1000);
    QCOMPARE(limits.idleTimeoutMs, 2000);
    QCOMPARE(limits.maxConnections, 3);
    QCOMPARE(settings.get(Settings::DurableAnswers), false);
    QCOMPARE(settings.get(Settings::AnswerRules), QByteArray("{}"));
}

void TstSettings::storedAddress_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("listensOn");
    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("all IPv4") << QStringLiteral("0.0.0.0") << QStringLiteral("0.0.0.0");
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << QStringLiteral("::1");
    QTest::newRow("IPv6 in brackets") << QStringLiteral("[::1]") << QStringLiteral("::1");
    QTest::newRow("localhost") << QStringLiteral("localhost") << QStringLiteral("127.0.0.1");
    // What is not an address to listen on never reaches the listener: it listens on loopback.
    QTest::newRow("garbage") << QStringLiteral("not-an-ip") << QStringLiteral("127.0.0.1");
    QTest::newRow("empty") << QString() << QStringLiteral("127.0.0.1");
    QTest::newRow("host name") << QStringLiteral("example.com") << QStringLiteral("127.0.0.1");
    QTest::newRow("with a port") << QStringLiteral("0.0.0.0:80") << QStringLiteral("127.0.0.1");
    QTest::newRow("shortened") << QStringLiteral("010.0.0.1") << QStringLiteral("127.0.0.1");
}

void TstSettings::storedAddress()
{
    QFETCH(QString, stored);
    QFETCH(QString, listensOn);
    const auto backend = file();
    backend->setValue(QStringLiteral("capture/bindAddress"), stored);
    QCOMPARE(Settings(backend.get()).listenAddress(), QHostAddress(listensOn));
}

void TstSettings::damagedNumbersReadAsDefaults_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::newRow("words") << QVariant(QStringLiteral("lots"));
    QTest::newRow("empty") << QVariant(QString());
    QTest::newRow("zero") << QVariant(0);
    QTest::newRow("negative") << QVariant(-5);
    QTest::newRow("a list") << QVariant(QStringList{QStringLiteral("1"), QStringLiteral("2")});
}

void TstSettings::damagedNumbersReadAsDefaults()
{
    // A hand-edited or damaged file must not hand the listener a limit of 0 (every body 413).
    QFETCH(QVariant, stored);
    const auto backend = file();
    for (const char *key : {"capture/maxBodyBytes", "capture/maxHeadBytes", "capture/maxHeaderCount",
                            "capture/headTimeoutMs", "capture/idleTimeoutMs", "capture/maxConnections"})
        backend->setValue(QLatin1String(key), stored);
    compareLimits(Settings(backend.get()).limits(), Http::Limits{});
}

void TstSettings::storedPort_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("listensOn");
    QTest::newRow("a port") << QVariant(9000) << 9000;
    QTest::newRow("as text") << QVariant(QStringLiteral("9001")) << 9001;
    QTest::newRow("any free port") << QVariant(0) << 0;
    QTest::newRow("highest") << QVariant(65535) << 65535;
    QTest::newRow("too large") << QVariant(70000) << 8080; // not 70000 - 65536 = 4464
    QTest::newRow("negative") << QVariant(-1) << 8080;
    QTest::newRow("words") << QVariant(QStringLiteral("eighty")) << 8080; // not 0, "any port"
}

void TstSettings::storedPort()
{
    QFETCH(QVariant, stored);
    QFETCH(int, listensOn);
    const auto backend = file();
    backend->setValue(QStringLiteral("capture/port"), stored);
    QCOMPARE(int(Settings(backend.get()).listenPort()), listensOn);
}

QTEST_GUILESS_MAIN(TstSettings)
#include "tst_settings.moc"
