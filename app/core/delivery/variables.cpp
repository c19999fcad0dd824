#include "variables.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

#include <string_view>

namespace Delivery {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

} // namespace

MessageVariables::MessageVariables(QHash<QString, QByteArray> userDefined, qint64 nowMs)
    : m_userDefined(std::move(userDefined))
    , m_nowMs(nowMs)
{
}

QStringList MessageVariables::builtInNames()
{
    return {QStringLiteral("uuid"), QStringLiteral("timestamp"), QStringLiteral("iso8601"),
            QStringLiteral("random_int")};
}

bool MessageVariables::isValidName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (c.unicode() > 127 || !isNameChar(char(c.unicode())))
            return false;
    }
    return true;
}

QByteArray MessageVariables::valueOf(const QString &name, bool *known)
{
    *known = true;
    if (const auto used = m_used.constFind(name); used != m_used.constEnd())
        return *used;
    QByteArray value;
    if (const auto user = m_userDefined.constFind(name); user != m_userDefined.constEnd())
        value = *user;
    else if (name == QLatin1String("uuid"))
        value = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    else if (name == QLatin1String("timestamp"))
        value = QByteArray::number(m_nowMs / 1000);
    else if (name == QLatin1String("iso8601"))
        value = QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    else if (name == QLatin1String("random_int"))
        value = QByteArray::number(QRandomGenerator::system()->bounded(0x7fffffff));
    else {
        *known = false;
        return {};
    }
    m_used.insert(name, value);
    return value;
}

QByteArray MessageVariables::resolved(const QByteArray &text)
{
    // string_view's find scans with memchr: a kilobyte body without braces costs next to nothing.
    const bool placeholders =
        std::string_view(text.constData(), size_t(text.size())).find("{{") != std::string_view::npos;
    return placeholders ? apply(QByteArrayView(text)) : text;
}

QByteArray MessageVariables::apply(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    qsizetype copied = 0;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf("{{", from);
        if (open < 0)
            break;
        qsizetype p = open + 2;
        while (p < text.size() && text[p] == ' ')
            ++p;
        const qsizetype nameStart = p;
        while (p < text.size() && isNameChar(text[p]))
            ++p;
        const qsizetype nameEnd = p;
        while (p < text.size() && text[p] == ' ')
            ++p;
        if (nameEnd == nameStart || !text.sliced(p).startsWith("}}")) {
            from = open + 1; // "{{{uuid}}}": the placeholder may start one brace later
            continue;
        }
        const QString name = QString::fromLatin1(text.sliced(nameStart, nameEnd - nameStart));
        bool known = false;
        const QByteArray value = valueOf(name, &known);
        if (!known) {
            if (!m_unresolved.contains(name))
                m_unresolved.append(name);
            from = p + 2;
            continue;
        }
        out += text.sliced(copied, open - copied);
        out += value;
        copied = from = p + 2;
    }
    out += text.sliced(copied);
    return out;
}

} // namespace Delivery
