// Figures for the detail pane on large bodies. Prints, never fails on time: run by hand with
//   HOOKSCOPE_BENCHMARKS=1 build-release/tests/bench_payload
// on a Release build (see the note in tests.cmake).

#include "core/payload/jsontestdata.h"
#include "payload/jsonformatter.h"
#include "payload/jsontree.h"
#include "payload/textdecoder.h"
#include "payload/xmlformatter.h"

#include <QElapsedTimer>
#include <QtTest>

#include <functional>

using namespace Payload;

namespace {

constexpr qsizetype kDocumentBytes = 25 * 1000 * 1000;
constexpr int kRuns = 5;

// The best of a few runs: the figure least disturbed by the rest of the machine.
double bestMs(const std::function<void()> &job)
{
    double best = 1e300;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        job();
        best = qMin(best, double(t.nsecsElapsed()) / 1e6);
    }
    return best;
}

double mbPerSecond(qsizetype bytes, double ms)
{
    return double(bytes) / 1e6 / (ms / 1e3);
}

} // namespace

class BenchPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("HOOKSCOPE_BENCHMARKS") != u"1")
            QSKIP("set HOOKSCOPE_BENCHMARKS=1 to run the payload benchmarks");
#ifndef NDEBUG
        qInfo("note: this is not a Release build; the figures mean little");
#endif
        m_compact = JsonTestData::webhookBatch(kDocumentBytes);
        m_pretty = formatJson(m_compact).text;
        QVERIFY(!m_pretty.isEmpty());
    }

    void formatCompactJson()
    {
        QByteArray out;
        const double ms = bestMs([&] { out = formatJson(m_compact).text; });
        QVERIFY(!out.isEmpty());
        qInfo("formatJson, compact %.1f MB -> %.1f MB: %.1f ms, %.0f MB/s", m_compact.size() / 1e6, out.size() / 1e6,
              ms, mbPerSecond(m_compact.size(), ms));
    }

    void formatIndentedJson()
    {
        QByteArray out;
        const double ms = bestMs([&] { out = formatJson(m_pretty).text; });
        QCOMPARE(out.size(), m_pretty.size());
        qInfo("formatJson, already indented %.1f MB: %.1f ms, %.0f MB/s", m_pretty.size() / 1e6, ms,
              mbPerSecond(m_pretty.size(), ms));
    }

    void firstLines()
    {
        JsonFormatOptions options;
        options.maxLines = 200;
        JsonFormatResult r;
        const double ms = bestMs([&] { r = formatJson(m_compact, {}, options); });
        QVERIFY(r.truncated);
        qInfo("formatJson, first 200 lines of the %.1f MB document: %.3f ms", m_compact.size() / 1e6, ms);
    }

    void buildTree()
    {
        JsonTree tree;
        const double ms = bestMs([&] { tree = JsonTree::build(m_compact); });
        QVERIFY(tree.isValid());
        qInfo("JsonTree::build %.1f MB: %.1f ms, %.0f MB/s, %u nodes of %zu bytes (%.1f MB)", m_compact.size() / 1e6,
              ms, mbPerSecond(m_compact.size(), ms), tree.size(), sizeof(JsonTree::Node),
              double(tree.size()) * sizeof(JsonTree::Node) / 1e6);
    }

    void decodeUtf8Text()
    {
        DecodedText text;
        const double ms = bestMs([&] { text = decodeText(m_compact); });
        QCOMPARE(text.replacements, 0);
        qInfo("decodeText, UTF-8 %.1f MB: %.1f ms, %.0f MB/s", m_compact.size() / 1e6, ms,
              mbPerSecond(m_compact.size(), ms));
    }

    void formatXmlDocument()
    {
        QByteArray xml = "<?xml version=\"1.0\"?><events>";
        for (int i = 0; xml.size() < kDocumentBytes; ++i) {
            xml += "<event id=\"evt_";
            xml += QByteArray::number(i);
            xml += "\" type='invoice.paid'><amount currency=\"EUR\">1999.50</amount><customer><name>Ren&#233;e "
                   "&amp; Co</name><email>a@example.com</email></customer><!-- retry --><note><![CDATA[<b>x</b>]]>"
                   "</note><paid/></event>";
        }
        xml += "</events>";
        XmlFormatResult r;
        const double ms = bestMs([&] { r = formatXml(xml); });
        QVERIFY(r.ok());
        qInfo("formatXml %.1f MB -> %.1f MB, %lld spans: %.1f ms, %.0f MB/s", xml.size() / 1e6, r.text.size() / 1e6,
              qint64(r.spans.size()), ms, mbPerSecond(xml.size(), ms));
    }

private:
    QByteArray m_compact;
    QByteArray m_pretty;
};

QTEST_GUILESS_MAIN(BenchPayload)
#include "bench_payload.moc"
