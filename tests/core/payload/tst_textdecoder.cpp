#include "payload/textdecoder.h"

#include <QtTest>

using namespace Payload;

class TstTextDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void charsets_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("used");
        QTest::addColumn<qsizetype>("replacements");
        auto row = [](const char *name, const QByteArray &bytes, const QByteArray &charset, const char16_t *text,
                      const QByteArray &used, qsizetype replacements) {
            QTest::newRow(name) << bytes << charset << QString::fromUtf16(text) << used << replacements;
        };
        row("utf-8 default", "caf\xc3\xa9", {}, u"café", "UTF-8", 0);
        row("utf-8 declared", "caf\xc3\xa9", "utf-8", u"café", "UTF-8", 0);
        row("iso-8859-1", "caf\xe9", "ISO-8859-1", u"café", "ISO-8859-1", 0);
        row("latin1 alias", "caf\xe9", "latin1", u"café", "ISO-8859-1", 0);
        row("windows-1252 euro", "\x80 5", "windows-1252", u"€ 5", "windows-1252", 0);
        row("shift_jis", "\x93\xfa\x96\x7b\x8c\xea", "Shift_JIS", u"日本語", "Shift_JIS", 0);
        row("shift_jis lower case", "\x93\xfa\x96\x7b", "shift_jis", u"日本", "Shift_JIS", 0);
        row("invalid utf-8",
            "a\xff"
            "b",
            {}, u"a\uFFFDb", "UTF-8", 1);
        row("truncated utf-8 at the end", "ok\xe2\x82", {}, u"ok\uFFFD\uFFFD", "UTF-8", 2);
        row("genuine U+FFFD is not counted", "x\xef\xbf\xbd\xff", {}, u"x\uFFFD\uFFFD", "UTF-8", 1);
        row("shift_jis invalid in the middle", "\x93\xfa\x82\x0a\x96\x7b", "Shift_JIS", u"日\uFFFD\n本", "Shift_JIS",
            1);
        row("shift_jis cut at the end", "\x93\xfa\x96\x7b\x82", "Shift_JIS", u"日本\uFFFD", "Shift_JIS", 1);
        row("utf-8 bom dropped", "\xef\xbb\xbfhi", {}, u"hi", "UTF-8", 0);
        row("utf-16le by bom", QByteArray("\xff\xfeh\0i\0", 6), {}, u"hi", "UTF-16LE", 0);
        row("bom wins over the label", "\xef\xbb\xbf\xc3\xa9", "iso-8859-1", u"é", "UTF-8", 0);
    }

    void charsets()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, charset);
        QFETCH(QString, text);
        QFETCH(QByteArray, used);
        QFETCH(qsizetype, replacements);
        const DecodedText t = decodeText(bytes, charset);
        QCOMPARE(t.text, text);
        QCOMPARE(t.charset, used);
        QCOMPARE(t.replacements, replacements);
        QVERIFY(!t.unknownCharset);
    }

    void unknownCharset()
    {
        const DecodedText t = decodeText("caf\xc3\xa9", "x-no-such-charset");
        QVERIFY(t.unknownCharset);
        QCOMPARE(t.text, QString::fromUtf16(u"café"));
        QCOMPARE(t.charset, QByteArray("UTF-8"));
    }

    void bomOverride()
    {
        QVERIFY(decodeText("\xef\xbb\xbf"
                           "a",
                           "iso-8859-1")
                    .bomOverrode);
        QVERIFY(!decodeText("\xef\xbb\xbf"
                            "a",
                            "utf-8")
                     .bomOverrode);
        QVERIFY(!decodeText("\xef\xbb\xbf"
                            "a",
                            {})
                     .bomOverrode);
    }
};

QTEST_GUILESS_MAIN(TstTextDecoder)
#include "tst_textdecoder.moc"
