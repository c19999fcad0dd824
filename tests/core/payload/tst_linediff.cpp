// Line diffs for comparing two requests.

#include "payload/linediff.h"

#include <QtTest>

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

QTEST_GUILESS_MAIN(TstLineDiff)
#include "tst_linediff.moc"
