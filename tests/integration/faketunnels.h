#pragma once

// Stand-ins for the tunnel tools, written by the tests as shell scripts that print what the real
// tools print. The formats come from the tools themselves:
// - cloudflared (`cloudflared tunnel --url URL`, Cloudflare's "Quick Tunnels" docs, and the box
//   cmd/cloudflared/tunnel/quick_tunnel.go prints): log lines on stderr "TIME INF ...", the
//   account-less notice naming developers.cloudflare.com, "Requesting new quick Tunnel on
//   trycloudflare.com...", then a box "Your quick Tunnel has been created! Visit it at (it may take
//   some time to be reachable):" with "https://NAME.trycloudflare.com", then "Registered tunnel
//   connection connIndex=0 ...".
// - ngrok v3 (`ngrok http URL --log stdout --log-format json`, ngrok's agent CLI docs for --log and
//   --log-format): one JSON object a line with "lvl", "msg", "t"; the tunnel is up at the record
//   {"msg":"started tunnel","url":"https://..."}; a failure is a "lvl":"crit" record with "err"
//   (ERR_NGROK_4018 when no authtoken is configured).
// Every fake writes its arguments, its pid and how often it ran into its folder.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDevice>
#include <QString>
#include <QTest>

#include <signal.h>

namespace FakeTunnels {

/// Writes an executable shell script `name` into `dir`; `body` runs after the bookkeeping lines.
inline QString write(const QString &dir, const QString &name, const QByteArray &body)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    const QByteArray d = QFile::encodeName(dir);
    file.write("#!/bin/sh\n"
               "n=$(cat '" +
               d + "/runs' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + d +
               "/runs'\n"
               "echo \"$@\" > '" +
               d +
               "/args'\n"
               "echo $$ > '" +
               d + "/pid'\n" + body);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

/// cloudflared's quick tunnel output; the URL holds the run number ($n): run1-..., run2-...
inline QByteArray cloudflaredBanner()
{
    return "cat >&2 <<EOF\n"
           "2026-12-05T10:00:00Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare "
           "account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels "
           "have no uptime guarantee. If you intend to use Tunnels in production you should use a pre-created named "
           "tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps\n"
           "2026-12-05T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...\n"
           "2026-12-05T10:00:01Z INF +------------------------------------------------------------------------"
           "--------------------+\n"
           "2026-12-05T10:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time "
           "to be reachable):  |\n"
           "2026-12-05T10:00:01Z INF |  https://run$n-quiet-lake-tunnel.trycloudflare.com                       "
           "                  |\n"
           "2026-12-05T10:00:01Z INF +------------------------------------------------------------------------"
           "--------------------+\n"
           "2026-12-05T10:00:01Z INF Starting metrics server on 127.0.0.1:45678/metrics\n"
           "2026-12-05T10:00:02Z INF Registered tunnel connection connIndex=0 "
           "connection=0b8c5f1e-2f6a-4d3e-9b0a-5c1d2e3f4a5b event=0 ip=198.41.200.13 location=ams01 protocol=quic\n"
           "EOF\n";
}

/// A cloudflared that makes its tunnel and stays (as the real one does until stopped).
inline QByteArray cloudflared()
{
    return cloudflaredBanner() + "exec sleep 600\n";
}

/// ngrok's JSON log of a tunnel started with an authtoken; the URL holds the run number.
inline QByteArray ngrok()
{
    return "cat <<EOF\n"
           "{\"lvl\":\"info\",\"msg\":\"no configuration paths supplied\",\"t\":\"2026-12-05T10:00:00.1+00:00\"}\n"
           "{\"lvl\":\"info\",\"msg\":\"starting web service\",\"obj\":\"web\",\"addr\":\"127.0.0.1:4040\","
           "\"allow_hosts\":[],\"t\":\"2026-12-05T10:00:00.2+00:00\"}\n"
           "{\"lvl\":\"info\",\"msg\":\"client session established\",\"obj\":\"tunnels.session\","
           "\"t\":\"2026-12-05T10:00:00.6+00:00\"}\n"
           "{\"addr\":\"http://127.0.0.1:PORT\",\"lvl\":\"info\",\"msg\":\"started tunnel\",\"name\":\"command_line\","
           "\"obj\":\"tunnels\",\"t\":\"2026-12-05T10:00:00.7+00:00\",\"url\":\"https://run$n-4a3b.ngrok-free.app\"}\n"
           "EOF\n"
           "exec sleep 600\n";
}

/// ngrok without an authtoken: the record it prints before exiting 1.
inline QByteArray ngrokWithoutAuthtoken()
{
    return "printf '%s\\n' '{\"lvl\":\"info\",\"msg\":\"no configuration paths "
           "supplied\",\"t\":\"2026-12-05T10:00:00+00:00\"}'\n"
           "printf '%s\\n' '{\"err\":\"authentication failed: Usage of ngrok requires a verified account and "
           "authtoken.\\n\\n"
           "Sign up for an account: https://dashboard.ngrok.com/signup\\nInstall your authtoken: "
           "https://dashboard.ngrok.com/get-started/your-authtoken\\r\\n\\r\\nERR_NGROK_4018\\r\\n\",\"lvl\":\"crit\","
           "\"msg\":\"command failed\",\"t\":\"2026-12-05T10:00:00+00:00\"}'\n"
           "exit 1\n";
}

inline qint64 readPid(const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("pid")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

inline int runs(const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("runs")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : 0;
}

inline QByteArray args(const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("args")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

/// Whether `pid` is a live process (a zombie nobody reaped yet counts as gone).
inline bool alive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && text.at(close + 2) != 'Z';
}

/// Waits up to `ms` for `pid` to be gone; whether it is.
inline bool waitGone(qint64 pid, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (alive(pid) && t.elapsed() < ms)
        QTest::qWait(20);
    return !alive(pid);
}

} // namespace FakeTunnels
