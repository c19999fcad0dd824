#include "tunnelmanager.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>

#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

Q_LOGGING_CATEGORY(lcTunnel, "hookscope.tunnel")

namespace Tunnel {

namespace {

constexpr int GraceMs = 2000;        // between SIGTERM and SIGKILL
constexpr int MaxBackoffMs = 30'000; // the longest pause before a restart
constexpr qint64 SteadyMs = 60'000;  // a run up this long resets the count of failures in a row

class Text
{
    Q_DECLARE_TR_FUNCTIONS(Tunnel)
};

} // namespace

void signalGroup(qint64 pid, int signal)
{
    if (pid <= 0)
        return;
    if (::kill(-pid_t(pid), signal) != 0)
        ::kill(pid_t(pid), signal);
}

TunnelManager::TunnelManager(QObject *parent)
    : QObject(parent)
{
    m_urlTimer.setSingleShot(true);
    m_restartTimer.setSingleShot(true);
    connect(&m_urlTimer, &QTimer::timeout, this, &TunnelManager::onUrlTimeout);
    connect(&m_restartTimer, &QTimer::timeout, this, &TunnelManager::launch);
}

TunnelManager::~TunnelManager()
{
    // Every tool this manager started, the running one and any still ending, goes now.
    if (m_process)
        m_process->setParent(this);
    m_process = nullptr;
    const QList<QProcess *> tools = findChildren<QProcess *>(QString(), Qt::FindDirectChildrenOnly);
    for (QProcess *tool : tools) {
        tool->disconnect(this);
        signalGroup(tool->processId(), SIGTERM);
    }
    for (QProcess *tool : tools) {
        if (tool->state() != QProcess::NotRunning && !tool->waitForFinished(GraceMs)) {
            signalGroup(tool->processId(), SIGKILL);
            tool->waitForFinished(1000);
        }
    }
}

qint64 TunnelManager::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void TunnelManager::start(const TunnelConfig &config, const QUrl &local)
{
    release();
    m_restartTimer.stop();
    m_config = config;
    m_local = local;
    m_failures = 0;
    m_problem.clear();
    launch();
}

void TunnelManager::stop()
{
    m_restartTimer.stop();
    release();
    m_problem.clear();
    setUrl({});
    setState(State::Off);
}

void TunnelManager::release()
{
    m_urlTimer.stop();
    QProcess *tool = std::exchange(m_process, nullptr);
    if (!tool)
        return;
    tool->disconnect(this);
    if (tool->state() == QProcess::NotRunning) {
        tool->deleteLater();
        return;
    }
    const qint64 pid = tool->processId();
    connect(tool, &QProcess::finished, tool, &QObject::deleteLater);
    signalGroup(pid, SIGTERM);
    QTimer::singleShot(GraceMs, tool, [tool, pid] {
        if (tool->state() != QProcess::NotRunning)
            signalGroup(pid, SIGKILL);
    });
}

void TunnelManager::launch()
{
    release();
    m_lines.clear();
    m_toolError.clear();
    m_endReason.clear();
    m_reader = OutputReader(m_config);
    if (!m_reader.patternError().isEmpty()) {
        fail(m_reader.patternError(), false);
        return;
    }
    const Launch launch = launchFor(m_config, m_local);
    if (!launch.ok()) {
        fail(launch.error, false);
        return;
    }
    auto *tool = new QProcess(this);
    m_process = tool;
    tool->setProcessChannelMode(QProcess::MergedChannels);
    tool->setStandardInputFile(QProcess::nullDevice());
    const pid_t parent = ::getpid();
    tool->setChildProcessModifier([parent] {
        // In the child, before exec: a group of its own, so stopping it ends what it starts too; and
        // the kernel kills it when Hookscope dies, however it dies.
        ::setpgid(0, 0);
#ifdef Q_OS_LINUX
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
        if (::getppid() != parent) // Hookscope died before the line above
            ::_exit(127);
    });
    connect(tool, &QProcess::readyRead, this, &TunnelManager::onOutput);
    connect(tool, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) { onFinished(code, status == QProcess::CrashExit); });
    connect(tool, &QProcess::errorOccurred, this, [this, tool](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(Text::tr("%1 could not start: %2").arg(tool->program(), tool->errorString()), true);
    });
    qCDebug(lcTunnel) << "starting" << launch.program << launch.arguments;
    setState(State::Starting);
    m_urlTimer.start(m_config.urlTimeoutMs);
    tool->start(launch.program, launch.arguments);
}

void TunnelManager::onOutput()
{
    if (!m_process)
        return;
    for (const QByteArray &line : m_lines.feed(m_process->readAll())) {
        if (const QString error = m_reader.errorIn(line); !error.isEmpty())
            m_toolError = error;
        const QUrl url = m_reader.urlIn(line);
        // The first URL, or an https one after a plain http one (ngrok can start both).
        if (url.isEmpty() ||
            (!m_url.isEmpty() && !(m_url.scheme() == QLatin1String("http") && url.scheme() == QLatin1String("https"))))
            continue;
        m_urlTimer.stop();
        m_upSince.start();
        setUrl(url);
        setState(State::Up);
    }
}

void TunnelManager::onUrlTimeout()
{
    if (!m_process)
        return;
    m_endReason = Text::tr("%1 printed no public URL within %2 s")
                      .arg(providerTitle(m_config.provider))
                      .arg(m_config.urlTimeoutMs / 1000.0);
    signalGroup(m_process->processId(), SIGTERM);
    QTimer::singleShot(GraceMs, m_process, [tool = m_process] {
        if (tool->state() != QProcess::NotRunning)
            signalGroup(tool->processId(), SIGKILL);
    });
}

void TunnelManager::onFinished(int exitCode, bool crashed)
{
    if (!m_process)
        return;
    m_urlTimer.stop();
    if (m_process->bytesAvailable() > 0)
        onOutput();
    m_lines.feed("\n"); // a last line without its newline still counts
    QString problem = m_endReason;
    if (problem.isEmpty()) {
        const QString name = QFileInfo(m_process->program()).fileName();
        problem = crashed ? Text::tr("%1 stopped unexpectedly (killed or crashed)").arg(name)
                          : Text::tr("%1 exited with code %2").arg(name).arg(exitCode);
        if (!m_toolError.isEmpty())
            problem += QStringLiteral(": ") + m_toolError;
    }
    if (m_state == State::Up && m_upSince.isValid() && m_upSince.elapsed() >= SteadyMs)
        m_failures = 0;
    fail(problem, true);
}

void TunnelManager::fail(const QString &problem, bool mayRestart)
{
    release(); // ends it if it is somehow still there
    m_problem = problem;
    setUrl({});
    ++m_failures;
    int restartIn = -1;
    if (mayRestart && m_failures <= m_config.maxRestarts) {
        restartIn = qMin<qint64>(qint64(m_config.firstBackoffMs) << qMin(m_failures - 1, 20), MaxBackoffMs);
        m_restartTimer.start(restartIn);
    }
    qCDebug(lcTunnel) << "tunnel ended:" << problem << "restart in" << restartIn;
    setState(restartIn >= 0 ? State::Restarting : State::Failed);
    Q_EMIT ended(problem, m_lines.lines(), restartIn);
}

void TunnelManager::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TunnelManager::setUrl(const QUrl &url)
{
    if (m_url == url)
        return;
    m_url = url;
    Q_EMIT publicUrlChanged(url);
}

} // namespace Tunnel
