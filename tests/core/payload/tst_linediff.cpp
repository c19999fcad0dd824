// Line diffs for comparing two requests.

#include "payload/linediff.h"

#include <QRandomGenerator>
#include <QtTest>

#include <sys/resource.h>

using Payload::DiffRun;

namespace {

QByteArray lines(std::initializer_list<const char *> items)
{
    QByteArray out;
    for (const char *i : items)
        out += QByteArray(i) + '\n';
    out.chop(1);
    return out;
}

// Applying the runs to the left side must give the right side.
QByteArray apply(const QByteArray &left, const QByteArray &right, const QList<DiffRun> &runs)
{
    const QList<QByteArray> a = left.isEmpty() ? QList<QByteArray>() : left.split('\n');
    const QList<QByteArray> b = right.isEmpty() ? QList<QByteArray>() : right.split('\n');
    QList<QByteArray> out;
    qsizetype i = 0, j = 0;
    for (const DiffRun &r : runs) {
        for (qsizetype n = 0; n < r.count; ++n) {
            if (r.kind == DiffRun::Equal) {
                if (a.value(i) != b.value(j))
                    return "equal run over different lines";
                out.append(a.value(i++));
                ++j;
            } else if (r.kind == DiffRun::Removed) {
                ++i;
            } else {
                out.append(b.value(j++));
            }
        }
    }
    if (i != a.size() || j != b.size())
        return "runs do not cover both sides";
    return out.join('\n');
}

} // namespace

class TstLineDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // First: it measures the process's peak memory, which later tests would raise.
    void unrelatedTenThousandLinesInBoundedMemory();
    void shortestOnRandomInputs();
    void runs_data();
    void runs();
    void sideBySideAligns();
    void unrelatedBigInputsStayFast();
};

void TstLineDiff::runs_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<int>("edits");
    QTest::newRow("same") << lines({"a", "b"}) << lines({"a", "b"}) << 0;
    QTest::newRow("one changed") << lines({"{", "  \"ref\": \"main\"", "}"}) << lines({"{", "  \"ref\": \"dev\"", "}"})
                                 << 2;
    QTest::newRow("inserted") << lines({"a", "c"}) << lines({"a", "b", "c"}) << 1;
    QTest::newRow("removed") << lines({"a", "b", "c"}) << lines({"a", "c"}) << 1;
    QTest::newRow("empty left") << QByteArray() << lines({"x", "y"}) << 2;
    QTest::newRow("empty right") << lines({"x"}) << QByteArray() << 1;
    // The longest common run is b, d, e: two lines go and two come.
    QTest::newRow("interleaved") << lines({"a", "b", "c", "d", "e"}) << lines({"b", "x", "d", "e", "f"}) << 4;
}

void TstLineDiff::runs()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(int, edits);
    const QList<DiffRun> runs = Payload::diffLines(left, right);
    QCOMPARE(apply(left, right, runs), right);
    qsizetype changes = 0;
    for (const DiffRun &r : runs)
        changes += r.kind == DiffRun::Equal ? 0 : r.count;
    QCOMPARE(changes, qsizetype(edits)); // the shortest edit script
}

void TstLineDiff::sideBySideAligns()
{
    const Payload::SideBySide s = Payload::sideBySide(lines({"a", "b", "c", "d"}), lines({"a", "B", "c", "d", "e"}));
    QCOMPARE(s.left.count('\n'), s.right.count('\n')); // the same number of lines, so they scroll together
    QCOMPARE(s.left, lines({"a", "b", "c", "d", ""}));
    QCOMPARE(s.right, lines({"a", "B", "c", "d", "e"}));
    QCOMPARE(s.leftChanged, (QList<qsizetype>{1, 4}));
    QCOMPARE(s.rightChanged, (QList<qsizetype>{1, 4}));
}

void TstLineDiff::unrelatedBigInputsStayFast()
{
    QByteArray a, b;
    for (int i = 0; i < 200000; ++i) {
        a += "left " + QByteArray::number(i) + '\n';
        b += "right " + QByteArray::number(i) + '\n';
    }
    a.chop(1);
    b.chop(1);
    QElapsedTimer t;
    t.start();
    const QList<DiffRun> runs = Payload::diffLines(a, b, 1000);
    QCOMPARE(apply(a, b, runs), b); // still a correct diff, just not the shortest
    qInfo("200,000 unrelated lines each side: %lld ms", t.elapsed());
}

static qint64 peakKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

static qsizetype editsOf(const QList<DiffRun> &runs)
{
    qsizetype edits = 0;
    for (const DiffRun &r : runs)
        edits += r.kind == DiffRun::Equal ? 0 : r.count;
    return edits;
}

void TstLineDiff::unrelatedTenThousandLinesInBoundedMemory()
{
    // The compare dialog's default limit (20,000 edits) on two bodies with no line in common:
    // keeping every round's frontier needed about 20,000 × 40,000 × 8 bytes (6.4 GB).
    QByteArray a, b;
    for (int i = 0; i < 10000; ++i) {
        a += "  \"left\": " + QByteArray::number(i) + ",\n";
        b += "  \"right\": " + QByteArray::number(i * 7) + ",\n";
    }
    a.chop(1);
    b.chop(1);
    const qint64 before = peakKiB();
    QElapsedTimer t;
    t.start();
    const QList<DiffRun> runs = Payload::diffLines(a, b);
    const qint64 ms = t.elapsed();
    const qint64 grewKiB = peakKiB() - before;
    qInfo("10,000 unrelated lines each side, default limit: %lld ms, peak memory grew by %lld KiB", ms, grewKiB);
    QCOMPARE(apply(a, b, runs), b);
    QCOMPARE(editsOf(runs), 20000);
    QVERIFY2(grewKiB < 64 * 1024, qPrintable(QString::number(grewKiB)));
}

void TstLineDiff::shortestOnRandomInputs()
{
    // Against the textbook count: edits = n + m - 2 * LCS, by dynamic programming.
    QRandomGenerator random(20261204);
    for (int round = 0; round < 300; ++round) {
        QList<QByteArray> a, b;
        const int n = int(random.bounded(25)), m = int(random.bounded(25));
        for (int i = 0; i < n; ++i)
            a << QByteArray(1, char('a' + random.bounded(3)));
        for (int i = 0; i < m; ++i)
            b << QByteArray(1, char('a' + random.bounded(3)));
        std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
        for (int i = n - 1; i >= 0; --i) {
            for (int j = m - 1; j >= 0; --j)
                lcs[size_t(i)][size_t(j)] =
                    a[i] == b[j] ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                                 : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
        }
        const QByteArray left = a.join('\n'), right = b.join('\n');
        const QList<DiffRun> runs = Payload::diffLines(left, right);
        QCOMPARE(apply(left, right, runs), right);
        QCOMPARE(editsOf(runs), qsizetype(n + m - 2 * lcs[0][0]));
    }
}

QTEST_GUILESS_MAIN(TstLineDiff)
#include "tst_linediff.moc"
