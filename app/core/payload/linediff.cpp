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

// Myers 1986, the greedy forward algorithm, keeping each round's frontier to walk back.
bool myers(const std::vector<QByteArrayView> &a, qsizetype aFrom, qsizetype aTo, const std::vector<QByteArrayView> &b,
           qsizetype bFrom, qsizetype bTo, qsizetype maxEdits, QList<DiffRun> &out)
{
    const qsizetype n = aTo - aFrom;
    const qsizetype m = bTo - bFrom;
    const qsizetype max = std::min(n + m, maxEdits);
    const qsizetype offset = max + 1;
    std::vector<qsizetype> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<qsizetype>> trace;
    qsizetype found = -1;
    for (qsizetype d = 0; d <= max && found < 0; ++d) {
        trace.push_back(v);
        for (qsizetype k = -d; k <= d; k += 2) {
            qsizetype x;
            if (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                x = v[size_t(offset + k + 1)];
            else
                x = v[size_t(offset + k - 1)] + 1;
            qsizetype y = x - k;
            while (x < n && y < m && a[size_t(aFrom + x)] == b[size_t(bFrom + y)]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0)
        return false;
    // Walk back from (n, m) through the saved frontiers.
    QList<DiffRun> reversed;
    qsizetype x = n;
    qsizetype y = m;
    for (qsizetype d = found; d > 0; --d) {
        const std::vector<qsizetype> &prev = trace[size_t(d)];
        const qsizetype k = x - y;
        const bool down = k == -d || (k != d && prev[size_t(offset + k - 1)] < prev[size_t(offset + k + 1)]);
        const qsizetype prevK = down ? k + 1 : k - 1;
        const qsizetype prevX = prev[size_t(offset + prevK)];
        const qsizetype prevY = prevX - prevK;
        const qsizetype snake = x - (down ? prevX : prevX + 1);
        reversed.append(DiffRun{DiffRun::Equal, snake});
        reversed.append(DiffRun{down ? DiffRun::Added : DiffRun::Removed, 1});
        x = prevX;
        y = prevY;
    }
    reversed.append(DiffRun{DiffRun::Equal, x});
    for (qsizetype i = reversed.size() - 1; i >= 0; --i)
        push(out, reversed.at(i).kind, reversed.at(i).count);
    return true;
}

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
    if (!myers(a, head, aTo, b, head, bTo, maxEdits, runs)) {
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
