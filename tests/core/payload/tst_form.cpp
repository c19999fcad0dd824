#include "payload/urlencodedform.h"

#include <QtTest>

using namespace Payload;

class TstForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fields()
    {
        const QByteArray body = "name=Ren%C3%A9e+M%C3%BCller&tag=a&tag=b&empty=&flag&&q=1%2B1%3D2&%zz=50%&x=%4";
        const QList<FormField> f = parseUrlEncodedForm(body);
        QCOMPARE(f.size(), 8);

        QCOMPARE(f[0].rawName, QByteArray("name"));
        QCOMPARE(f[0].rawValue, QByteArray("Ren%C3%A9e+M%C3%BCller"));
        QCOMPARE(f[0].value, QString::fromUtf16(u"Renée Müller"));
        QCOMPARE(f[0].offset, 0);
        QVERIFY(f[0].hasEquals);
        QVERIFY(!f[0].malformed);

        // Duplicates are kept, in order.
        QCOMPARE(f[1].name, QStringLiteral("tag"));
        QCOMPARE(f[1].value, QStringLiteral("a"));
        QCOMPARE(f[2].name, QStringLiteral("tag"));
        QCOMPARE(f[2].value, QStringLiteral("b"));

        QCOMPARE(f[3].name, QStringLiteral("empty"));
        QVERIFY(f[3].value.isEmpty());
        QVERIFY(f[3].hasEquals);
        QCOMPARE(f[4].name, QStringLiteral("flag"));
        QVERIFY(!f[4].hasEquals);

        // The empty piece between "&&" is skipped; "%2B" is a plus, '+' a space.
        QCOMPARE(f[5].value, QStringLiteral("1+1=2"));
        QCOMPARE(f[5].offset, body.indexOf("q="));

        // Malformed escapes stay as written.
        QCOMPARE(f[6].name, QStringLiteral("%zz"));
        QCOMPARE(f[6].value, QStringLiteral("50%"));
        QVERIFY(f[6].malformed);
        QCOMPARE(f[7].value, QStringLiteral("%4"));
        QVERIFY(f[7].malformed);
    }

    void edgeCases()
    {
        QVERIFY(parseUrlEncodedForm("").isEmpty());
        QVERIFY(parseUrlEncodedForm("&&&").isEmpty());
        const QList<FormField> eq = parseUrlEncodedForm("a==b");
        QCOMPARE(eq.size(), 1);
        QCOMPARE(eq[0].value, QStringLiteral("=b"));
        const QList<FormField> noName = parseUrlEncodedForm("=v");
        QCOMPARE(noName.size(), 1);
        QVERIFY(noName[0].name.isEmpty());
        QCOMPARE(noName[0].value, QStringLiteral("v"));
        // Invalid UTF-8 after decoding shows as U+FFFD; a BOM is kept (UTF-8 decode without BOM).
        QCOMPARE(parseUrlEncodedForm("a=%FF")[0].value, QString(QChar::ReplacementCharacter));
        QCOMPARE(parseUrlEncodedForm("a=%EF%BB%BFx")[0].value, QString::fromUtf16(u"\uFEFFx"));
    }

    void charset()
    {
        const QList<FormField> f = parseUrlEncodedForm("city=K%F6ln", "iso-8859-1");
        QCOMPARE(f[0].value, QString::fromUtf16(u"Köln"));
    }

    void percentDecoding()
    {
        bool malformed = true;
        QCOMPARE(percentDecode("a+b%20c", false, &malformed), QByteArray("a+b c"));
        QVERIFY(!malformed);
        QCOMPARE(percentDecode("a+b%2", true, &malformed), QByteArray("a b%2"));
        QVERIFY(malformed);
        QCOMPARE(percentDecode("%00%fF", false), QByteArray("\0\xff", 2));
    }
};

QTEST_GUILESS_MAIN(TstForm)
#include "tst_form.moc"
