#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Delivery {

/**
 * The `{{name}}` placeholders of one outgoing message, resolved. Built in: `{{uuid}}` (a random
 * version 4 UUID), `{{timestamp}}` (Unix seconds), `{{iso8601}}` (UTC, milliseconds) and
 * `{{random_int}}` (0 to 2^31 - 1); the user's own names beside them, and before them when a name
 * is both (so a test can pin `{{timestamp}}`).
 *
 * One object per message: a name has one value throughout the message (the delivery id in a header
 * and in the body agree), made the first time the message uses it; the next message makes fresh
 * ones. Spaces inside the braces are allowed (`{{ uuid }}`); a name not known is left as written
 * and listed in unresolved(), so the sender can say so rather than send a silent typo.
 */
class MessageVariables
{
public:
    /// `nowMs`: the message's time (ms since the epoch, UTC), for timestamp and iso8601.
    MessageVariables(QHash<QString, QByteArray> userDefined, qint64 nowMs);

    /// `text` with every known placeholder replaced.
    QByteArray apply(QByteArrayView text);
    /// The same, but text without a placeholder comes back as itself, shared rather than copied.
    QByteArray resolved(const QByteArray &text);
    /// Names used but not known, in order of first use.
    const QStringList &unresolved() const { return m_unresolved; }
    /// The values this message used, by name: what the sent bytes contain.
    const QHash<QString, QByteArray> &used() const { return m_used; }

    static QStringList builtInNames();
    /// Whether `name` may be a variable's name: letters, digits, '_', '-', '.'.
    static bool isValidName(QStringView name);

private:
    QByteArray valueOf(const QString &name, bool *known);

    QHash<QString, QByteArray> m_userDefined;
    qint64 m_nowMs;
    QHash<QString, QByteArray> m_used;
    QStringList m_unresolved;
};

} // namespace Delivery
