#include "customcolumn.h"

#include "capturedrequest.h"
#include "http/syntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Session {

CustomColumn CustomColumn::make(const QString &name, Source source, const QString &key, QString *error)
{
    CustomColumn c;
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return CustomColumn();
    };
    const QString trimmedName = name.trimmed();
    if (trimmedName.isEmpty())
        return fail(tr("a column needs a name"));
    if (source == Source::Header) {
        const QByteArray header = key.trimmed().toUtf8();
        if (header.isEmpty())
            return fail(tr("a header column needs a header name, like X-GitHub-Delivery"));
        for (char ch : header) {
            if (!Http::Syntax::isTokenChar(ch))
                return fail(tr("'%1' is not a header name").arg(key.trimmed()));
        }
        c.m_header = header;
        c.m_key = QString::fromUtf8(header);
    } else {
        const std::optional<Payload::JsonPointer> pointer = Payload::JsonPointer::parse(key.trimmed());
        if (!pointer)
            return fail(tr("'%1' is not a JSON pointer: it starts with / and names each step, like "
                           "/data/object/id")
                            .arg(key.trimmed()));
        c.m_pointer = *pointer;
        c.m_key = key.trimmed();
    }
    c.m_name = trimmedName;
    c.m_source = source;
    return c;
}

QString CustomColumn::describe() const
{
    return m_source == Source::Header ? tr("header %1").arg(m_key) : tr("body %1").arg(m_key);
}

QByteArrayView headerValueIn(QByteArrayView head, QByteArrayView name)
{
    qsizetype pos = head.indexOf('\n'); // after the request line
    while (pos >= 0 && pos + 1 < head.size()) {
        const qsizetype start = pos + 1;
        qsizetype end = head.indexOf('\n', start);
        if (end < 0)
            end = head.size();
        QByteArrayView line = head.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break; // the end of the head
        const qsizetype colon = line.indexOf(':');
        if (colon == name.size() && line.first(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed();
        pos = end;
    }
    return {};
}

QString CustomColumn::valueIn(QByteArrayView head, QByteArrayView body) const
{
    QString value;
    if (m_source == Source::Header) {
        value = QString::fromUtf8(headerValueIn(head, m_header));
    } else {
        value = Payload::jsonValueAt(body, m_pointer, kMaxValue).value_or(QString());
    }
    for (QChar &c : value) {
        if (c.unicode() < 0x20)
            c = QLatin1Char(' ');
    }
    if (value.size() > kMaxValue) {
        value.truncate(kMaxValue - 1);
        value += QChar(0x2026);
    }
    return value.isNull() ? QLatin1String("") : value;
}

QString CustomColumn::valueOf(const CapturedRequest &record) const
{
    if (record.rejected)
        return {};
    return valueIn(record.request.rawHead(), record.request.body());
}

QByteArray CustomColumn::toJson(const QList<CustomColumn> &columns)
{
    QJsonArray array;
    for (const CustomColumn &c : columns) {
        if (!c.isValid())
            continue;
        array.append(
            QJsonObject{{QStringLiteral("name"), c.m_name},
                        {c.m_source == Source::Header ? QStringLiteral("header") : QStringLiteral("json"), c.m_key}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<CustomColumn> CustomColumn::fromJson(const QByteArray &json)
{
    QList<CustomColumn> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = v.toObject();
        const bool header = o.contains(QLatin1String("header"));
        const CustomColumn c = make(o.value(QLatin1String("name")).toString(), header ? Source::Header : Source::Json,
                                    o.value(header ? QLatin1String("header") : QLatin1String("json")).toString());
        if (c.isValid())
            out.append(c);
    }
    return out;
}

} // namespace Session
