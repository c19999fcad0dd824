#pragma once

#include "tunnelconfig.h"

#include <QRegularExpression>
#include <QUrl>

namespace Tunnel {

/**
 * Reads a tunnel tool's output a line at a time, the way the tool documents it:
 * - cloudflared logs to stderr; a quick tunnel's URL is in the box it prints once the tunnel is
 *   made ("Your quick Tunnel has been created! Visit it at ...: https://NAME.trycloudflare.com").
 *   Only a trycloudflare.com URL counts: the same log names developers.cloudflare.com pages first.
 * - ngrok with `--log stdout --log-format json` writes one JSON object a line; the tunnel is up
 *   when a record has "msg":"started tunnel", whose "url" is the public URL. Records with "lvl"
 *   "eror" or "crit" carry the reason in "err".
 * - a custom command: the user's expression, or the first http(s):// URL.
 */
class OutputReader
{
public:
    explicit OutputReader(const TunnelConfig &config);

    /// Custom: why the URL expression cannot be used; empty when it can.
    QString patternError() const { return m_patternError; }
    /// The public URL this line announces; empty when it announces none.
    QUrl urlIn(QByteArrayView line) const;
    /// What went wrong, when the line is the tool saying it failed (ngrok's error records); empty otherwise.
    QString errorIn(QByteArrayView line) const;

private:
    Provider m_provider;
    QRegularExpression m_pattern;
    QString m_patternError;
};

/// The last lines a process printed, for the message shown when it stops; long lines are cut.
class LastLines
{
public:
    explicit LastLines(qsizetype keep = 12)
        : m_keep(keep)
    {
    }
    /// Adds output as it arrives; returns the lines it completed.
    QList<QByteArray> feed(QByteArrayView bytes);
    /// The kept lines, oldest first, with a line not yet ended last.
    QStringList lines() const;
    void clear();

private:
    qsizetype m_keep;
    QList<QByteArray> m_lines;
    QByteArray m_partial;
};

} // namespace Tunnel
