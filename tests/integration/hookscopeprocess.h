#pragma once

// The real `hookscope` binary run by integration tests (HOOKSCOPE_BINARY is its path).

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

#include <csignal>
#include <sys/types.h>

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Result runHookscope(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_BINARY), args);
    p.waitForFinished(10000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// `hookscope listen ...` running in the background.
class Listen
{
public:
    explicit Listen(QStringList args)
    {
        args.prepend(QStringLiteral("listen"));
        process.start(QStringLiteral(HOOKSCOPE_BINARY), args);
    }
    ~Listen()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(3000);
        }
    }
    /// Waits for "listening on http://ADDR:PORT" on stderr.
    bool waitListening()
    {
        static const QRegularExpression re(QStringLiteral("^listening on (http://\\S+:(\\d+))$"),
                                           QRegularExpression::MultilineOption);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            err += process.readAllStandardError();
            const QRegularExpressionMatch m = re.match(QString::fromUtf8(err));
            if (m.hasMatch()) {
                url = QUrl(m.captured(1));
                port = quint16(m.captured(2).toUInt());
                return true;
            }
            if (!process.waitForReadyRead(200) && process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    /// Waits until stdout holds `count` complete lines and returns them.
    QList<QByteArray> waitLines(int count)
    {
        QElapsedTimer t;
        t.start();
        while (out.count('\n') < count && t.elapsed() < 10000) {
            process.waitForReadyRead(100);
            out += process.readAllStandardOutput();
        }
        QList<QByteArray> lines = out.split('\n');
        lines.removeAll(QByteArray());
        return lines;
    }
    int stop(int signal)
    {
        ::kill(pid_t(process.processId()), signal);
        if (!process.waitForFinished(5000))
            return -1;
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    QProcess process;
    QByteArray out;
    QByteArray err;
    QUrl url;
    quint16 port = 0;
};
