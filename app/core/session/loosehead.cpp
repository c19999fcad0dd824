#include "loosehead.h"

#include "http/request.h"
#include "http/syntax.h"

namespace Session {

LooseHead LooseHead::split(QByteArrayView head)
{
    LooseHead out;
    bool start = true;
    while (!head.isEmpty()) {
        qsizetype end = head.indexOf('\n');
        if (end < 0)
            end = head.size();
        QByteArrayView line = head.first(end);
        head = head.sliced(qMin(end + 1, head.size()));
        if (line.endsWith('\r'))
            line.chop(1);
        if (start) {
            start = false;
            const qsizetype a = line.indexOf(' ');
            const qsizetype b = a < 0 ? -1 : line.indexOf(' ', a + 1);
            out.first = (a < 0 ? line : line.first(a)).toByteArray();
            if (a >= 0)
                out.second = (b < 0 ? line.sliced(a + 1) : line.sliced(a + 1, b - a - 1)).toByteArray();
            if (b >= 0)
                out.third = line.sliced(b + 1).toByteArray();
            continue;
        }
        if (line.isEmpty())
            break; // the end of the head
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            out.fields.append(
                {line.first(colon).toByteArray(), Http::Syntax::trimOws(line.sliced(colon + 1)).toByteArray()});
    }
    return out;
}

QByteArray LooseHead::value(QByteArrayView name) const
{
    for (const auto &[n, v] : fields) {
        if (Http::equalsIgnoreCase(n, name))
            return v;
    }
    return {};
}

} // namespace Session
