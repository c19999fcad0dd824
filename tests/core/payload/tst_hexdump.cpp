#include "payload/hexdump.h"

#include <QtTest>

using namespace Payload;

class TstHexDump : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullLine()
    {
        const QByteArray data = "GET / HTTP/1.1\r\nHost: example\r\n";
        QCOMPARE(hexDumpLine(data, 0),
                 QStringLiteral("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|"));
        QCOMPARE(hexDumpLine(data, 16),
                 QStringLiteral("00000010  48 6f 73 74 3a 20 65 78  61 6d 70 6c 65 0d 0a     |Host: example..|"));
        QCOMPARE(hexDumpLine(data, 0).size(), hexDumpLineWidth(8));
    }

    void shortLineKeepsColumns()
    {
        const QByteArray data("\x00\x7f\x80\xff"
                              "A",
                              5);
        const QString line = hexDumpLine(data, 0);
        QCOMPARE(line, QStringLiteral("00000000  00 7f 80 ff 41                                    |....A|"));
        QCOMPARE(line.indexOf(u'|'), hexDumpLine(QByteArray(16, 'x'), 0).indexOf(u'|'));
        QCOMPARE(hexDumpLine(QByteArray(9, 'x'), 0).indexOf(u'|'), line.indexOf(u'|'));
    }

    void offsets()
    {
        QCOMPARE(hexOffsetDigits(0), 8);
        QCOMPARE(hexOffsetDigits(qint64(1) << 32), 8);
        QCOMPARE(hexOffsetDigits((qint64(1) << 32) + 1), 9);
        const QByteArray data(40, 'z');
        QVERIFY(hexDumpLine(data, 32, 10).startsWith(QLatin1StringView("0000000020  7a")));
        QVERIFY(hexDumpLine(data, 40).isEmpty());
        QVERIFY(hexDumpLine(data, -1).isEmpty());
        // Not aligned: a line may start anywhere, the view decides.
        QVERIFY(hexDumpLine(data, 3).startsWith(QLatin1StringView("00000003  7a")));
    }

    void wholeDump()
    {
        const QByteArray data(33, 'a');
        const QByteArray dump = hexDump(data);
        const QList<QByteArray> lines = dump.split('\n');
        QCOMPARE(lines.size(), 4); // three lines and the empty piece after the last '\n'
        QCOMPARE(QString::fromLatin1(lines[2]), hexDumpLine(data, 32));
        QVERIFY(hexDump({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstHexDump)
#include "tst_hexdump.moc"
