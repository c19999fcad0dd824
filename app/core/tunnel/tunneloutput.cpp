#include "tunneloutput.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tunnel {

namespace {

constexpr qsizetype MaxLine = 4096; // longer lines are cut (a tool's log line is far shorter)

QUrl publicUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return {};
    return url;
}

QJsonObject jsonRecord(QByteArrayView line)
{
    const QByteArrayView trimmed = line.trimmed();
    if (!trimmed.startsWith('{'))
        return {};
    return QJsonDocument::fromJson(trimmed.toByteArray()).object();
}

} // namespace

OutputReader::OutputReader(const TunnelConfig &config)
    : m_provider(config.provider)
{
    switch (config.provider) {
    case Provider::Cloudflared:
        m_pattern = QRegularExpression(QStringLiteral("https://[-a-z0-9]+\\.trycloudflare\\.com\\b"),
                                       QRegularExpression::CaseInsensitiveOption);
        break;
    case Provider::Ngrok:
        break; // JSON records
    case Provider::Custom:
        m_pattern =
            QRegularExpression(config.urlPattern.trimmed().isEmpty() ? QStringLiteral("https?://[^\\s\"'<>|\\\\]+")
                                                                     : config.urlPattern.trimmed());
        if (!m_pattern.isValid())
            m_patternError = QCoreApplication::translate("Tunnel", "the URL expression is not valid: %1 (at %2)")
                                 .arg(m_pattern.errorString())
                                 .arg(m_pattern.patternErrorOffset());
        break;
    }
}

QUrl OutputReader::urlIn(QByteArrayView line) const
{
    if (m_provider == Provider::Ngrok) {
        const QJsonObject record = jsonRecord(line);
        if (record.value(QLatin1String("msg")).toString() != QLatin1String("started tunnel"))
            return {};
        return publicUrl(record.value(QLatin1String("url")).toString());
    }
    if (!m_patternError.isEmpty())
        return {};
    const QRegularExpressionMatch match = m_pattern.match(QString::fromUtf8(line));
    if (!match.hasMatch())
        return {};
    const QString found = m_pattern.captureCount() > 0 ? match.captured(1) : match.captured(0);
    return publicUrl(found.trimmed());
}

QString OutputReader::errorIn(QByteArrayView line) const
{
    if (m_provider != Provider::Ngrok)
        return {};
    const QJsonObject record = jsonRecord(line);
    const QString level = record.value(QLatin1String("lvl")).toString();
    if (level != QLatin1String("eror") && level != QLatin1String("crit") && level != QLatin1String("error"))
        return {};
    const QString err = record.value(QLatin1String("err")).toString().trimmed();
    const QString msg = record.value(QLatin1String("msg")).toString().trimmed();
    // ngrok's errors span paragraphs ("authentication failed: ...\n\nERR_NGROK_4018"): one line here.
    return (err.isEmpty() ? msg : err).simplified();
}

QList<QByteArray> LastLines::feed(QByteArrayView bytes)
{
    QList<QByteArray> done;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\n')
            continue;
        m_partial += bytes.sliced(start, i - start);
        start = i + 1;
        if (m_partial.endsWith('\r'))
            m_partial.chop(1);
        done << m_partial.left(MaxLine);
        m_partial.clear();
    }
    if (m_partial.size() < MaxLine)
        m_partial += bytes.sliced(start).first(qMin(bytes.size() - start, MaxLine - m_partial.size()));
    for (const QByteArray &line : std::as_const(done)) {
        if (line.trimmed().isEmpty())
            continue;
        m_lines << line;
        if (m_lines.size() > m_keep)
            m_lines.removeFirst();
    }
    return done;
}

QStringList LastLines::lines() const
{
    QStringList out;
    for (const QByteArray &line : m_lines)
        out << QString::fromUtf8(line);
    if (!m_partial.trimmed().isEmpty())
        out << QString::fromUtf8(m_partial);
    return out;
}

void LastLines::clear()
{
    m_lines.clear();
    m_partial.clear();
}

} // namespace Tunnel
