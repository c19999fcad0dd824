#include "messagehead.h"

namespace Http {

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

QByteArrayView firstValueOf(const QByteArray &bytes, const QList<FieldSpan> &fields, QByteArrayView name)
{
    for (const FieldSpan &s : fields) {
        const Field f = fieldOf(bytes, s);
        if (equalsIgnoreCase(f.name, name))
            return f.value;
    }
    return {};
}

} // namespace Http
