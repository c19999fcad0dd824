#include "payload/xmlformatter.h"

#include <QRandomGenerator>
#include <QXmlStreamReader>
#include <QtTest>

using namespace Payload;

namespace {

QByteArray pretty(const QByteArray &xml)
{
    const XmlFormatResult r = formatXml(xml);
    if (!r.ok())
        qWarning("not formatted: %s at %lld", qPrintable(r.error.reason), r.error.offset);
    return r.text;
}

// What a reader sees, minus whitespace-only text: formatting must not change any of it.
QStringList events(const QByteArray &xml)
{
    QStringList out;
    QXmlStreamReader r(xml);
    r.setNamespaceProcessing(false); // the generator uses a prefix it never declares
    while (!r.atEnd()) {
        r.readNext();
        switch (r.tokenType()) {
        case QXmlStreamReader::StartElement: {
            QString e = QLatin1StringView("<") + r.qualifiedName().toString();
            for (const QXmlStreamAttribute &a : r.attributes())
                e += QLatin1StringView(" ") + a.qualifiedName().toString() + QLatin1StringView("=") +
                     a.value().toString();
            out.append(e);
            break;
        }
        case QXmlStreamReader::EndElement:
            out.append(QLatin1StringView("</") + r.qualifiedName().toString());
            break;
        case QXmlStreamReader::Characters:
            if (!r.isWhitespace())
                out.append((r.isCDATA() ? QLatin1StringView("cdata:") : QLatin1StringView("text:")) +
                           r.text().toString());
            break;
        case QXmlStreamReader::Comment:
            out.append(QLatin1StringView("comment:") + r.text().toString());
            break;
        case QXmlStreamReader::ProcessingInstruction:
            out.append(QLatin1StringView("pi:") + r.processingInstructionTarget().toString() +
                       r.processingInstructionData().toString());
            break;
        case QXmlStreamReader::DTD:
            out.append(QLatin1StringView("dtd:") + r.text().toString());
            break;
        default:
            break;
        }
    }
    if (r.hasError())
        out.append(QLatin1StringView("error:") + r.errorString());
    return out;
}

// Removes whitespace-only runs between '>' and '<' (and at either end): what the formatter may change.
QByteArray stripBlankRuns(const QByteArray &xml)
{
    QByteArray out;
    qsizetype i = 0;
    while (i < xml.size() && (xml[i] == ' ' || xml[i] == '\n' || xml[i] == '\t' || xml[i] == '\r'))
        ++i;
    while (i < xml.size()) {
        out += xml[i];
        if (xml[i] == '>') {
            qsizetype j = i + 1;
            while (j < xml.size() && (xml[j] == ' ' || xml[j] == '\n' || xml[j] == '\t' || xml[j] == '\r'))
                ++j;
            if (j == xml.size() || xml[j] == '<') {
                i = j;
                continue;
            }
        }
        ++i;
    }
    return out;
}

class XmlGenerator
{
public:
    explicit XmlGenerator(quint32 seed)
        : m_rng(seed)
    {
    }

    QByteArray document()
    {
        QByteArray out;
        if (m_rng.bounded(2))
            out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        ws(out);
        if (m_rng.bounded(3) == 0) {
            out += "<!-- before the root -->";
            ws(out);
        }
        element(out, 5);
        ws(out);
        return out;
    }

private:
    void element(QByteArray &out, int depth)
    {
        static const char *const names[] = {"a", "ns:item", "x-y.z", "_u", "caf\xc3\xa9"};
        const QByteArray name = names[m_rng.bounded(int(std::size(names)))];
        out += '<';
        out += name;
        const int attrs = int(m_rng.bounded(3));
        for (int i = 0; i < attrs; ++i) {
            static const char *const values[] = {"\"1\"",           "'two'",        "\"a &amp; b &#233; &#xE9;\"",
                                                 "\"line\nbreak\"", "'say \"hi\"'", "\"\""};
            out += m_rng.bounded(2) ? " at" : "\n    at";
            out += QByteArray::number(i);
            out += '=';
            out += values[m_rng.bounded(int(std::size(values)))];
        }
        if (depth == 0 || m_rng.bounded(5) == 0) {
            if (m_rng.bounded(2)) {
                out += "/>";
            } else {
                out += "></";
                out += name;
                out += '>';
            }
            return;
        }
        out += '>';
        const int children = int(m_rng.bounded(5));
        const bool mixed = m_rng.bounded(4) == 0;
        for (int i = 0; i < children; ++i) {
            ws(out);
            switch (m_rng.bounded(mixed ? 7 : 5)) {
            case 0:
                out += "<!-- a comment > with <tags> -->";
                break;
            case 1:
                out += "<?proc data?>";
                break;
            case 5:
                out += "text &lt;here&gt; &#169;";
                break;
            case 6:
                out += "<![CDATA[ <raw> & ]]>";
                break;
            default:
                element(out, depth - 1);
                break;
            }
        }
        ws(out);
        out += "</";
        out += name;
        out += '>';
    }

    void ws(QByteArray &out)
    {
        static const char *const spaces[] = {"", "", "\n", "  ", "\r\n\t", " \n "};
        out += spaces[m_rng.bounded(int(std::size(spaces)))];
    }

    QRandomGenerator m_rng;
};

} // namespace

class TstXml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactLayout()
    {
        const QByteArray in = "<?xml version=\"1.0\"?>\n<!--top--><root  a = \"1\"><child b='x &amp; y'/>"
                              "<p>Hello &amp; <b>world</b>!</p><empty></empty><blank>  </blank>"
                              "<list>\n  <i>1</i>\n\n<i>2</i></list><data><![CDATA[<x>]]></data>"
                              "<?pi  keep   this?></root>\n";
        const QByteArray expected = "<?xml version=\"1.0\"?>\n"
                                    "<!--top-->\n"
                                    "<root  a = \"1\">\n"
                                    "  <child b='x &amp; y'/>\n"
                                    "  <p>Hello &amp; <b>world</b>!</p>\n"
                                    "  <empty></empty>\n"
                                    "  <blank>  </blank>\n"
                                    "  <list>\n"
                                    "    <i>1</i>\n"
                                    "    <i>2</i>\n"
                                    "  </list>\n"
                                    "  <data><![CDATA[<x>]]></data>\n"
                                    "  <?pi  keep   this?>\n"
                                    "</root>";
        QCOMPARE(pretty(in), expected);
        QCOMPARE(pretty(expected), expected);
    }

    void keptAsWritten()
    {
        // Mixed content, entity spelling, line breaks in attributes and comments stay as they are.
        const QByteArray in = "<doc>\n<a x=\"1\n  2\" y='&#xE9;&#233;&eacute;'><!-- multi\n   line --></a>"
                              "<pre xml:space=\"preserve\">\n  <k> v </k>\n</pre></doc>";
        const QByteArray expected = "<doc>\n"
                                    "  <a x=\"1\n  2\" y='&#xE9;&#233;&eacute;'>\n"
                                    "    <!-- multi\n   line -->\n"
                                    "  </a>\n"
                                    "  <pre xml:space=\"preserve\">\n  <k> v </k>\n</pre>\n"
                                    "</doc>";
        QCOMPARE(pretty(in), expected);
    }

    void doctype()
    {
        const QByteArray in = "<!DOCTYPE note [\n<!ENTITY w \"a > b\">\n<!-- ] > -->\n]><note>&w;</note>";
        QCOMPARE(pretty(in), "<!DOCTYPE note [\n<!ENTITY w \"a > b\">\n<!-- ] > -->\n]>\n<note>&w;</note>");
    }

    void bomAndEncoding()
    {
        QCOMPARE(pretty("\xef\xbb\xbf<a><b/></a>"), QByteArray("<a>\n  <b/>\n</a>"));
        // Latin-1 bytes pass through untouched.
        QCOMPARE(pretty("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>"),
                 QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf\xe9</a>"));
        const XmlFormatResult utf16 = formatXml(QByteArray("\xff\xfe<\0a\0/\0>\0", 10));
        QVERIFY(!utf16.ok());
        QVERIFY(utf16.error.reason.contains(QLatin1StringView("UTF-16")));
    }

    // Only whitespace-only text between markup changes, and a reader sees the same document.
    void onlyBlankTextChanges()
    {
        for (quint32 seed = 1; seed <= 300; ++seed) {
            const QByteArray in = XmlGenerator(seed).document();
            const XmlFormatResult r = formatXml(in);
            QVERIFY2(r.ok(), qPrintable(r.error.reason + QLatin1StringView(": ") + QString::fromUtf8(in)));
            QCOMPARE(stripBlankRuns(r.text), stripBlankRuns(in));
            QCOMPARE(events(r.text), events(in));
            QVERIFY2(!events(in).constLast().startsWith(QLatin1StringView("error:")),
                     qPrintable(events(in).constLast() + QLatin1StringView("\n") + QString::fromUtf8(in)));
            QCOMPARE(pretty(r.text), r.text);
        }
    }

    void deepNestingIsCapped()
    {
        QByteArray in;
        for (int i = 0; i < 200; ++i)
            in += "<e>";
        in += "<leaf/>";
        for (int i = 0; i < 200; ++i)
            in += "</e>";
        const XmlFormatResult r = formatXml(in);
        QVERIFY(r.ok());
        qsizetype widest = 0;
        for (const QByteArray &line : r.text.split('\n'))
            widest = qMax(widest, line.size());
        QCOMPARE(widest, 2 * 64 + qsizetype(std::strlen("<leaf/>")));
        XmlFormatOptions small;
        small.maxOutputBytes = 4096;
        QVERIFY(formatXml(in, {}, small).error.reason.contains(QLatin1StringView("larger than")));
    }

    void spans()
    {
        const QByteArray in = "<?xml version=\"1.0\"?><a x=\"1\" y='2'><!--c--><b>t &amp; u<![CDATA[d]]></b></a>";
        const XmlFormatResult r = formatXml(in);
        QVERIFY(r.ok());
        QList<QPair<QByteArray, TokenType>> got;
        for (const TokenSpan &s : r.spans)
            got.append({r.text.mid(s.start, s.length), s.type});
        const QList<QPair<QByteArray, TokenType>> expected = {
            {"<?xml version=\"1.0\"?>", TokenType::ProcessingInstruction},
            {"<a", TokenType::Tag},
            {"x", TokenType::AttributeName},
            {"\"1\"", TokenType::AttributeValue},
            {"y", TokenType::AttributeName},
            {"'2'", TokenType::AttributeValue},
            {">", TokenType::Tag},
            {"<!--c-->", TokenType::Comment},
            {"<b", TokenType::Tag},
            {">", TokenType::Tag},
            {"t &amp; u", TokenType::Text},
            {"<![CDATA[d]]>", TokenType::CData},
            {"</b>", TokenType::Tag},
            {"</a>", TokenType::Tag},
        };
        QCOMPARE(got, expected);
        // Sorted and disjoint, so a highlighter can binary-search one line's spans.
        for (qsizetype i = 1; i < r.spans.size(); ++i)
            QVERIFY(r.spans[i].start >= r.spans[i - 1].start + r.spans[i - 1].length);
        const qsizetype line2 = r.text.indexOf('\n') + 1;
        const qsizetype line2End = r.text.indexOf('\n', line2);
        const auto [first, last] = spansInRange(r.spans, line2, line2End);
        QCOMPARE(first, 1);
        QCOMPARE(last, 7);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("reason");
        auto row = [](const char *name, const QByteArray &xml, qint64 offset, const char *reason) {
            QTest::newRow(name) << xml << offset << QString::fromUtf8(reason);
        };
        row("empty", "", 0, "no root element");
        row("only a comment", "<!-- x -->", 10, "no root element");
        row("mismatched end tag", "<a><b></a>", 6, "the end tag </a> does not match the start tag <b> (line 1)");
        row("unclosed element", "<a><b></b>", 10, "the element <a> (line 1) is not closed");
        row("end tag without start", "<a></a></b>", 7, "the end tag </b> has no start tag");
        row("unquoted attribute", "<a x=1/>", 5, "must be in quotes");
        row("duplicate attribute", "<a x='1' x='2'/>", 9, "appears twice");
        row("attributes run together", "<a x='1'y='2'/>", 8, "whitespace before the attribute");
        row("lt in attribute", "<a x='<'/>", 6, "'<' is not allowed");
        row("bare ampersand", "<a>fish & chips</a>", 8, "'&' must begin a reference");
        row("reference without semicolon", "<a>&amp</a>", 3, "must end with ';'");
        row("bad character reference", "<a>&#xZZ;</a>", 3, "malformed character reference");
        row("text outside root", "<a/>junk", 4, "text outside the root element");
        row("two roots", "<a/><b/>", 4, "only one root element");
        row("unclosed comment", "<a><!-- x </a>", 3, "the comment is not closed");
        row("double dash in comment", "<a><!-- x -- y --></a>", 10, "'--' is not allowed");
        row("late declaration", "<a/><?xml version=\"1.0\"?>", 4, "at the very start");
        row("lt space", "<a>< b/></a>", 4, "expected a tag name");
        row("unclosed tag", "<a x='1'", 8, "unexpected end of input inside a tag");
        row("unclosed cdata", "<a><![CDATA[x</a>", 3, "CDATA section is not closed");
        row("line and column", "<a>\n  <b></c>\n</a>", 9, "does not match");
    }

    void errors()
    {
        QFETCH(QByteArray, xml);
        QFETCH(qint64, offset);
        QFETCH(QString, reason);
        const XmlFormatResult r = formatXml(xml);
        QVERIFY(!r.ok());
        QVERIFY(r.text.isEmpty());
        QCOMPARE(r.error.offset, offset);
        QVERIFY2(r.error.reason.contains(reason), qPrintable(r.error.reason));
    }

    void errorLineColumn()
    {
        const XmlFormatResult r = formatXml("<a>\n  <b></c>\n</a>");
        QCOMPARE(r.error.line, 2);
        QCOMPARE(r.error.column, 6);
    }

    void cancel()
    {
        QByteArray in = "<list>";
        for (int i = 0; i < 100000; ++i)
            in += "<item id=\"" + QByteArray::number(i) + "\">value</item>";
        in += "</list>";
        std::atomic_bool flag{false};
        JobControl control;
        control.cancel = &flag;
        control.progressInterval = 64 * 1024;
        control.progress = [&](qint64 done, qint64) {
            if (done > 256 * 1024)
                flag = true;
        };
        const XmlFormatResult r = formatXml(in, control);
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok());
        QVERIFY(formatXml(in).ok());
    }
};

QTEST_GUILESS_MAIN(TstXml)
#include "tst_xml.moc"
