#include "linediff.h"

#include <vector>

namespace Payload {

namespace {

std::vector<QByteArrayView> splitLines(QByteArrayView text)
{
    std::vector<QByteArrayView> lines;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        lines.push_back(text.sliced(start, end - start));
        start = end + 1;
    }
    if (!text.isEmpty() && text.endsWith('\n'))
        lines.pop_back();
    if (text.isEmpty())
        lines.clear();
    return lines;
}

void push(QList<DiffRun> &runs, DiffRun::Kind kind, qsizetype count)
{
    if (count <= 0)
        return;
    if (!runs.isEmpty() && runs.last().kind == kind)
        runs.last().count += count;
    else
        runs.append(DiffRun{kind, count});
}

using Lines = std::vector<QByteArrayView>;

/// The middle snake of a range (Myers 1986, section 4b): the diagonal run crossed halfway along a
/// shortest edit path, found by searching from both ends at once with one frontier per direction.
struct MiddleSnake
{
    qsizetype edits = -1;                 ///< of the whole range; -1 when more than the limit
    qsizetype x = 0, y = 0, u = 0, v = 0; ///< from (x, y) to (u, v), relative to the range
};

class LinearDiff
{
public:
    LinearDiff(const Lines &a, const Lines &b, QList<DiffRun> &out)
        : m_a(a)
        , m_b(b)
        , m_out(out)
    {
    }

    /// Runs the range through; false (and nothing added) when it needs more than `maxEdits`.
    bool run(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1, qsizetype maxEdits)
    {
        const qsizetype n = a1 - a0, m = b1 - b0;
        if (n == 0 || m == 0) {
            if (n + m > maxEdits)
                return false;
            push(m_out, DiffRun::Removed, n);
            push(m_out, DiffRun::Added, m);
            return true;
        }
        const size_t size = size_t(n + m + 5); // diagonals -(n+m+1)/2-1 .. (n+m+1)/2+1
        m_forward.assign(size, 0);
        m_backward.assign(size, 0);
        const MiddleSnake first = middleSnake(a0, a1, b0, b1, maxEdits);
        if (first.edits < 0)
            return false;
        split(a0, a1, b0, b1, first);
        return true;
    }

private:
    bool same(qsizetype i, qsizetype j) const { return m_a[size_t(i)] == m_b[size_t(j)]; }

    void diff(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1)
    {
        qsizetype head = 0;
        while (a0 + head < a1 && b0 + head < b1 && same(a0 + head, b0 + head))
            ++head;
        push(m_out, DiffRun::Equal, head);
        a0 += head;
        b0 += head;
        qsizetype tail = 0;
        while (a1 - tail > a0 && b1 - tail > b0 && same(a1 - 1 - tail, b1 - 1 - tail))
            ++tail;
        a1 -= tail;
        b1 -= tail;
        if (a0 == a1 || b0 == b1) {
            push(m_out, DiffRun::Removed, a1 - a0);
            push(m_out, DiffRun::Added, b1 - b0);
        } else {
            split(a0, a1, b0, b1, middleSnake(a0, a1, b0, b1, (a1 - a0) + (b1 - b0)));
        }
        push(m_out, DiffRun::Equal, tail);
    }

    void split(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1, const MiddleSnake &s)
    {
        diff(a0, a0 + s.x, b0, b0 + s.y);
        push(m_out, DiffRun::Equal, s.u - s.x);
        diff(a0 + s.u, a1, b0 + s.v, b1);
    }

    /// Forward from (0, 0) and backward from (n, m) until the frontiers overlap; each keeps, per
    /// diagonal, how far it got. Gives up once the edits exceed `limit`.
    MiddleSnake middleSnake(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1, qsizetype limit)
    {
        const qsizetype n = a1 - a0, m = b1 - b0;
        const qsizetype delta = n - m;
        const bool odd = (delta & 1) != 0;
        const qsizetype offset = (n + m + 1) / 2 + 1;
        std::vector<qsizetype> &vf = m_forward;
        std::vector<qsizetype> &vb = m_backward; // in reversed coordinates: diagonal delta - k
        vf[size_t(offset + 1)] = 0;
        vb[size_t(offset + 1)] = 0;
        const qsizetype rounds = std::min((n + m + 1) / 2, (limit + 1) / 2);
        for (qsizetype d = 0; d <= rounds; ++d) {
            for (qsizetype k = -d; k <= d; k += 2) {
                qsizetype x = (k == -d || (k != d && vf[size_t(offset + k - 1)] < vf[size_t(offset + k + 1)]))
                                  ? vf[size_t(offset + k + 1)]
                                  : vf[size_t(offset + k - 1)] + 1;
                qsizetype y = x - k;
                const qsizetype x0 = x, y0 = y;
                while (x < n && y < m && same(a0 + x, b0 + y)) {
                    ++x;
                    ++y;
                }
                vf[size_t(offset + k)] = x;
                const qsizetype back = delta - k;
                if (odd && back >= -(d - 1) && back <= d - 1 && x + vb[size_t(offset + back)] >= n) {
                    if (2 * d - 1 > limit)
                        return {};
                    return {2 * d - 1, x0, y0, x, y};
                }
            }
            for (qsizetype k = -d; k <= d; k += 2) {
                qsizetype x = (k == -d || (k != d && vb[size_t(offset + k - 1)] < vb[size_t(offset + k + 1)]))
                                  ? vb[size_t(offset + k + 1)]
                                  : vb[size_t(offset + k - 1)] + 1;
                qsizetype y = x - k;
                const qsizetype x0 = x, y0 = y;
                while (x < n && y < m && same(a1 - 1 - x, b1 - 1 - y)) {
                    ++x;
                    ++y;
                }
                vb[size_t(offset + k)] = x;
                const qsizetype forward = delta - k;
                if (!odd && forward >= -d && forward <= d && x + vf[size_t(offset + forward)] >= n) {
                    if (2 * d > limit)
                        return {};
                    return {2 * d, n - x, m - y, n - x0, m - y0};
                }
            }
        }
        return {};
    }

    const Lines &m_a;
    const Lines &m_b;
    QList<DiffRun> &m_out;
    std::vector<qsizetype> m_forward;
    std::vector<qsizetype> m_backward;
};

} // namespace

QList<DiffRun> diffLines(QByteArrayView left, QByteArrayView right, qsizetype maxEdits)
{
    const std::vector<QByteArrayView> a = splitLines(left);
    const std::vector<QByteArrayView> b = splitLines(right);
    // Common start and end first: most of two webhooks of the same kind is the same.
    qsizetype head = 0;
    while (head < qsizetype(a.size()) && head < qsizetype(b.size()) && a[size_t(head)] == b[size_t(head)])
        ++head;
    qsizetype tail = 0;
    while (tail < qsizetype(a.size()) - head && tail < qsizetype(b.size()) - head &&
           a[a.size() - 1 - size_t(tail)] == b[b.size() - 1 - size_t(tail)])
        ++tail;
    QList<DiffRun> runs;
    push(runs, DiffRun::Equal, head);
    const qsizetype aTo = qsizetype(a.size()) - tail;
    const qsizetype bTo = qsizetype(b.size()) - tail;
    QList<DiffRun> middle;
    if (LinearDiff(a, b, middle).run(head, aTo, head, bTo, maxEdits)) {
        for (const DiffRun &r : std::as_const(middle))
            push(runs, r.kind, r.count);
    } else {
        push(runs, DiffRun::Removed, aTo - head);
        push(runs, DiffRun::Added, bTo - head);
    }
    push(runs, DiffRun::Equal, tail);
    return runs;
}

SideBySide sideBySide(QByteArrayView left, QByteArrayView right, qsizetype maxEdits)
{
    const std::vector<QByteArrayView> a = splitLines(left);
    const std::vector<QByteArrayView> b = splitLines(right);
    SideBySide out;
    qsizetype i = 0;
    qsizetype j = 0;
    qsizetype line = 0;
    const auto emit = [&out, &line](const QByteArrayView *l, const QByteArrayView *r, bool changed) {
        if (l)
            out.left += *l;
        if (r)
            out.right += *r;
        out.left += '\n';
        out.right += '\n';
        if (changed) {
            out.leftChanged.append(line);
            out.rightChanged.append(line);
        }
        ++line;
    };
    const QList<DiffRun> runs = diffLines(left, right, maxEdits);
    for (qsizetype r = 0; r < runs.size(); ++r) {
        const DiffRun &run = runs.at(r);
        if (run.kind == DiffRun::Equal) {
            for (qsizetype n = 0; n < run.count; ++n)
                emit(&a[size_t(i++)], &b[size_t(j++)], false);
            continue;
        }
        // A removal followed by an addition is a change: pair the lines up side by side.
        qsizetype removed = run.kind == DiffRun::Removed ? run.count : 0;
        qsizetype added = run.kind == DiffRun::Added ? run.count : 0;
        if (r + 1 < runs.size() && runs.at(r + 1).kind != DiffRun::Equal && runs.at(r + 1).kind != run.kind) {
            (runs.at(r + 1).kind == DiffRun::Added ? added : removed) = runs.at(r + 1).count;
            ++r;
        }
        for (qsizetype n = 0; n < std::max(removed, added); ++n)
            emit(n < removed ? &a[size_t(i++)] : nullptr, n < added ? &b[size_t(j++)] : nullptr, true);
    }
    out.left.chop(1);
    out.right.chop(1);
    return out;
}

} // namespace Payload
