// The filter language: parsing (with exact error places), the fast path over summary rows, the
// slow path over a real session file, cancellation. Its benchmarks: tst_filterbenchmark.cpp.

#include "filtertesting.h"

#include "filter/filter.h"
#include "filter/filterevaluator.h"
#include "http/requestreader.h"
#include "session/sessionwriter.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <numeric>
#include <random>
#include <thread>

using namespace Session;
using FilterTesting::capture;
using FilterTesting::post;

namespace {

/// Over TLS, as a handshake failure or a request after one leaves it.
CapturedRequestPtr overTls(const CapturedRequestPtr &record)
{
    auto r = std::make_shared<CapturedRequest>(*record);
    r->tls = true;
    r->tlsInfo.serverName = QStringLiteral("localhost");
    if (!r->rejected)
        r->tlsInfo.version = QStringLiteral("TLSv1.3");
    return r;
}

/// Eight requests with something for every field.
CapturedBatch sampleRecords()
{
    const QByteArray big = QByteArray(1000, 'x') + "Main" + QByteArray(1044, 'y');
    return {
        overTls(capture(1,
                        post("/hooks/github?id=1",
                             "Host: localhost\r\nX-GitHub-Event: push\r\nContent-Type: application/json\r\n",
                             R"({"ref":"refs/heads/main"})"),
                        200, QStringLiteral("127.0.0.1"))),
        capture(2, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", 200, QStringLiteral("127.0.0.1")),
        capture(3,
                post("/hooks/github?id=3",
                     "Host: localhost\r\nX-GitHub-Event: pull_request\r\n"
                     "Content-Type: application/vnd.github+json; charset=utf-8\r\n",
                     big),
                500, QStringLiteral("10.0.0.5")),
        capture(4,
                post("/api/items/4", "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                     "a=1&b=two+words", "PUT"),
                404, QStringLiteral("::ffff:192.168.1.20")),
        capture(5,
                "POST /hooks/stripe HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                "Transfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n6\r\nstripe\r\n0\r\n\r\n",
                0, QStringLiteral("::1")),
        overTls(
            capture(6, "POST /bad HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 0, QStringLiteral("10.0.0.5"))),
        capture(7,
                post("http://example.com/hooks/gitlab?x=1",
                     "Host: example.com\r\nUpgrade: websocket\r\nContent-Type: application/xml\r\n", "<a>main</a>",
                     "PATCH"),
                201, QStringLiteral("10.1.2.3")),
        capture(
            8,
            post("/hooks/GitHub/Extra", "User-Agent: GitHub-Hookshot/abc\r\nContent-Type: text/xml\r\n", "MAIN branch"),
            202, QStringLiteral("127.0.0.1")),
    };
}

std::vector<qint64> idList(const QString &text)
{
    std::vector<qint64> ids;
    for (const QString &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        ids.push_back(part.toLongLong());
    return ids;
}

QString idText(const std::vector<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TstFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void invalidFilterMatchesEverything();
    void evaluates_data();
    void evaluates();
    void fastPathLeavesPayloadTermsUndecided();
    void customColumns();
    void partialRange();
    void threadsAgree();
    void scanReportsMissingAndErrors();
    void scanCancels();

private:
    QTemporaryDir m_dir;
    QString m_session;
    CapturedBatch m_records;
    SummaryStore m_store;
};

void TstFilter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_records = sampleRecords();
    QVERIFY(m_records[5]->rejected);
    QVERIFY(m_records[6]->request.hasWarning(Http::Warning::UpgradeIgnored));
    QVERIFY(m_records[7]->request.hasWarning(Http::Warning::MissingHost));
    QVERIFY(m_records[4]->request.isChunked());
    for (const CapturedRequestPtr &r : std::as_const(m_records))
        m_store.append(*r);
    m_session = m_dir.filePath(QStringLiteral("filter.hookscope"));
    SessionWriter writer;
    QCOMPARE(writer.open(m_session).problem, FileProblem::None);
    QString error;
    writer.setCommitHandler([&error](const CapturedBatch &, const QString &e) {
        if (!e.isEmpty())
            error = e;
    });
    writer.start();
    writer.submit(m_records);
    writer.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TstFilter::parses_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("needsPayloads");
    const auto row = [](const char *input, const char *canonical, bool payloads = false) {
        QTest::newRow(input) << QString::fromUtf8(input) << QString::fromUtf8(canonical) << payloads;
    };
    row("", "");
    row("   ", "");
    row("method:POST", "method:post");
    row("Method:post", "method:post");
    row("method:P*", "method:p*");
    row("status:200", "status:200");
    row("status:=201", "status:201");
    row("status:>=400", "status:400..");
    row("status:>399", "status:400..");
    row("status:<300", "status:0..299");
    row("status:<=299", "status:0..299");
    row("status:4xx", "status:400..499");
    row("status:5XX", "status:500..599");
    row("status:40x", "status:400..409");
    row("status:200..299", "status:200..299");
    row("status:500..", "status:500..");
    row("status:..199", "status:0..199");
    row("status:none", "status:0");
    row("size:>1k", "size:1025..");
    row("size:1.5m", "size:1572864");
    row("size:..64KiB", "size:0..65536");
    row("size:0", "size:0");
    row("size:2GB", "size:2147483648");
    row("id:42", "id:42");
    row("id:10..20", "id:10..20");
    row("id:>1000", "id:1001..");
    row("path:/github*", "path:/github*");
    row("path:/a\\*b?", "path:/a\\*b?");
    row("path:/foo(1)", "path:\"/foo(1)\"");
    row("path:\"/a b\"", "path:\"/a b\"");
    row("header:X-GitHub-Event=push", "header:x-github-event=push", true);
    row("header:Content-Type:application/json", "header:content-type=application/json", true);
    row("header:X-Hub-Signature", "header:x-hub-signature", true);
    row("header:X-Empty=", "header:x-empty=", true);
    row("header:X-*=a?c", "header:x-*=a?c", true);
    row("header:User-Agent=\"GitHub Hookshot*\"", "header:user-agent=\"github hookshot*\"", true);
    row("header:X=\\\"q\\\"", "header:x=\\\"q\\\"", true);
    row("header:Host=localhost:8080", "header:host=localhost:8080", true);
    row("body:\"main\"", "body:\"main\"", true);
    row("body:\"say \\\"hi\\\"\"", "body:\"say \\\"hi\\\"\"", true);
    row("type:json", "type:json");
    row("type:JSON", "type:json");
    row("type:application/*", "type:application/*");
    row("type:*json*", "type:*json*");
    row("type:none", "type:none");
    row("type:Form", "type:form");
    row("type:\"a b\"", "type:\"a b\"");
    row("remote:127.0.0.1", "remote:127.0.0.1");
    row("remote:10.0.*", "remote:10.0.*");
    row("remote:10.0.0.0/8", "remote:10.0.0.0/8");
    row("remote:127.0.0.1:5000", "remote:127.0.0.1:5000");
    row("remote:[::1]:5000", "remote:[::1]:5000");
    row("remote:::1", "remote:::1");
    row("rejected:yes", "rejected:yes");
    row("rejected:0", "rejected:no");
    row("chunked:true", "chunked:yes");
    row("TLS:1", "tls:yes");
    row("tls:No", "tls:no");
    row("warning:missing-host", "warning:missing-host");
    row("warning:Any", "warning:any");
    row("github", "\"github\"", true);
    row("\"two words\"", "\"two words\"", true);
    row("foo\\ bar", "\"foo bar\"", true);
    row("\"method:POST\"", "\"method:POST\"", true);
    row("https://example.com/x", "\"https://example.com/x\"", true);
    row("12:30", "\"12:30\"", true);
    row("or", "\"or\"", true);
    row("\"OR\"", "\"OR\"", true);
    row("a)", "\"a)\"", true);
    row("method:POST status:>=400", "method:post status:400..");
    row("-method:GET", "-method:get");
    row("NOT method:GET", "-method:get");
    row("--rejected:yes", "--rejected:yes");
    row("-\"-x\"", "-\"-x\"", true);
    row("a OR b", "\"a\" OR \"b\"", true);
    row("a b OR c", "(\"a\" \"b\") OR \"c\"", true);
    row("a OR b c", "\"a\" OR (\"b\" \"c\")", true);
    row("a AND b", "\"a\" \"b\"", true);
    row("a OR b OR c", "\"a\" OR \"b\" OR \"c\"", true);
    row("(method:PUT OR method:PATCH) size:>1k", "(method:put OR method:patch) size:1025..");
    row("-(type:json OR type:xml)", "-(type:json OR type:xml)");
    row("-(a b)", "-(\"a\" \"b\")", true);
    row("a -(b OR c)", "\"a\" -(\"b\" OR \"c\")", true);
    row("NOT(type:json)", "-type:json");
    row("((a))", "\"a\"", true);
    row("(a b) c", "\"a\" \"b\" \"c\"", true);
    row("(path:\"/foo(1)\")", "path:\"/foo(1)\"");
    QTest::newRow("64 levels") << QString(64, QLatin1Char('(')) + QLatin1Char('a') + QString(64, QLatin1Char(')'))
                               << QStringLiteral("\"a\"") << true;
    row("(a)b", "\"a\" \"b\"", true);
    row("\xc3\xa9t\xc3\xa9", "\"\xc3\xa9t\xc3\xa9\"", true);
}

void TstFilter::parses()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(bool, needsPayloads);
    FilterError error;
    const Filter f = Filter::parse(input, &error);
    QVERIFY2(error.isNull(), qPrintable(error.message));
    QVERIFY(f.isValid());
    QCOMPARE(f.toString(), canonical);
    QCOMPARE(f.isEmpty(), canonical.isEmpty());
    QCOMPARE(f.needsPayloads(), needsPayloads);
    QCOMPARE(f.text(), input);
    // The canonical form is itself a filter, and the same one.
    const Filter again = Filter::parse(canonical, &error);
    QVERIFY2(error.isNull(), qPrintable(error.message));
    QCOMPARE(again.toString(), canonical);
}

void TstFilter::rejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *input, int start, int length, const char *message) {
        QTest::newRow(input) << QString::fromUtf8(input) << start << length << QString::fromUtf8(message);
    };
    row("stauts:500", 0, 6, "unknown field 'stauts' — did you mean status?");
    row("method:POST Stats:500", 12, 5, "unknown field 'Stats' — did you mean status?");
    row("hedaer:X=1", 0, 6, "unknown field 'hedaer' — did you mean header?");
    row("foo:bar", 0, 3,
        "unknown field 'foo' — fields are method, status, path, header, body, type, size, id, remote, rejected, "
        "chunked, tls, warning, signature, event, col; put the word in quotes to search for it");
    row("tsl:yes", 0, 3, "unknown field 'tsl' — did you mean tls?");
    row("\xc3\xa9 stauts:1", 2, 6, "unknown field 'stauts' — did you mean status?");
    row("status:abc", 7, 3, "status needs a number, a range like 200..299 or 4xx");
    row("status:4x0", 7, 3, "status needs a number, a range like 200..299 or 4xx");
    row("status:>=", 7, 2, "status needs a number, a range like 200..299 or 4xx");
    row("status:..", 7, 2, "status needs a number, a range like 200..299 or 4xx");
    row("status:", 0, 7, "status needs a value, like status:>=400");
    row("a type: b", 2, 5, "type needs a value, like type:json");
    row("status:299..200", 7, 8, "the range 299..200 is empty — put the smaller number first");
    row("size:<0", 5, 2, "size:<0 can never match");
    row("size:10q", 5, 3,
        "size needs a number of bytes like 512, 10k or 2m, a comparison like >1k or a range like 1k..64k");
    row("size:.5k", 5, 3,
        "size needs a number of bytes like 512, 10k or 2m, a comparison like >1k or a range like 1k..64k");
    row("id:x", 3, 1, "id needs a number, a comparison like >100 or a range like 100..200");
    row("id:-5", 3, 2, "id needs a number, a comparison like >100 or a range like 100..200");
    row("body:\"main", 5, 5, "this quote is never closed — add a \" after the text");
    row("a \"b c", 2, 4, "this quote is never closed — add a \" after the text");
    row("(a OR b", 0, 1, "this ( is never closed — add a ) after the group");
    row("x ((a) b", 2, 1, "this ( is never closed — add a ) after the group");
    row("()", 0, 2, "the parentheses hold nothing");
    row("a ( )", 2, 3, "the parentheses hold nothing");
    row("OR a", 0, 2, "OR needs a term on both sides");
    row("a OR", 2, 2, "OR needs a term on both sides");
    row("a OR OR b", 2, 2, "OR needs a term on both sides");
    row("(a OR) b", 3, 2, "OR needs a term on both sides");
    row("a AND", 2, 3, "AND needs a term on both sides");
    row("AND a", 0, 3, "AND needs a term on both sides");
    row("- a", 0, 1, "'-' needs a term right after it, like -method:GET");
    row("a -", 2, 1, "'-' needs a term right after it, like -method:GET");
    row("(a -)", 3, 1, "'-' needs a term right after it, like -method:GET");
    row("-OR a", 0, 1, "'-' needs a term right after it, like -method:GET");
    row("NOT", 0, 3, "NOT needs a term after it, like NOT method:GET");
    row("rejected:maybe", 9, 5, "rejected needs yes or no");
    row("chunked:y", 8, 1, "chunked needs yes or no");
    row("tls:https", 4, 5, "tls needs yes or no");
    row("warning:missing_host", 8, 12, "unknown warning 'missing_host' — did you mean missing-host?");
    row("warning:foo", 8, 3,
        "warning needs one of missing-host, multiple-host, connect-not-tunneled, upgrade-ignored, http2-preface or "
        "any");
    row("header:=x", 7, 1, "header needs a name, like header:X-GitHub-Event=push");
    row("header:\"User Agent\"=x", 7, 11, "'User Agent' is not a header name — write header:Name=value");
    row("method:P/ST", 7, 4, "method needs a method name like POST");
    row("remote:localhost", 7, 9,
        "remote needs an address like 127.0.0.1, a pattern like 10.0.* or a subnet like 10.0.0.0/8, optionally "
        "with :port");
    row("remote:10.0.0.0/99", 7, 11,
        "remote needs an address like 127.0.0.1, a pattern like 10.0.* or a subnet like 10.0.0.0/8, optionally "
        "with :port");
    row("remote:[::1", 7, 4,
        "remote needs an address like 127.0.0.1, a pattern like 10.0.* or a subnet like 10.0.0.0/8, optionally "
        "with :port");
    row("remote:1.2.3.4:99999", 7, 13,
        "remote needs an address like 127.0.0.1, a pattern like 10.0.* or a subnet like 10.0.0.0/8, optionally "
        "with :port");
    row("\"\"", 0, 2, "the quotes hold nothing to look for");
    QTest::newRow("deep") << QString(65, QLatin1Char('(')) + QLatin1Char('a') + QString(65, QLatin1Char(')')) << 64 << 1
                          << QStringLiteral("too deeply nested — at most 64 levels");
    QTest::newRow("deep negation") << QString(100, QLatin1Char('-')) + QLatin1Char('a') << 64 << 1
                                   << QStringLiteral("too deeply nested — at most 64 levels");
}

void TstFilter::rejects()
{
    QFETCH(QString, input);
    QFETCH(int, start);
    QFETCH(int, length);
    QFETCH(QString, message);
    FilterError error;
    const Filter f = Filter::parse(input, &error);
    QCOMPARE(error.message, message);
    QCOMPARE(error.start, qsizetype(start));
    QCOMPARE(error.length, qsizetype(length));
    QVERIFY(!f.isValid());
    QCOMPARE(f.error().message, message);
}

void TstFilter::invalidFilterMatchesEverything()
{
    const Filter f = Filter::parse(QStringLiteral("status:abc"));
    QVERIFY(!f.isValid());
    QVERIFY(f.isEmpty());
    QVERIFY(!f.needsPayloads());
    const FilterEvaluator::Matches m = FilterEvaluator(f).evaluate(m_store);
    QCOMPARE(m.rows.size(), size_t(m_store.size()));
    QVERIFY(m.undecided.empty());
}

void TstFilter::evaluates_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("ids");
    const auto row = [](const char *filter, const char *ids) {
        QTest::newRow(filter) << QString::fromUtf8(filter) << QString::fromUtf8(ids);
    };
    row("", "1 2 3 4 5 6 7 8");
    row("method:POST", "1 3 5 6 8");
    row("method:post", "1 3 5 6 8");
    row("-method:GET", "1 3 4 5 6 7 8");
    row("method:P*", "1 3 4 5 6 7 8");
    row("method:P?T", "4");
    row("status:200", "1 2");
    row("status:2xx", "1 2 7 8");
    row("status:>=400", "3 4 6");
    row("status:<300", "1 2 5 7 8");
    row("status:200..299", "1 2 7 8");
    row("status:none", "5");
    row("status:40x", "4 6");
    row("path:/hooks/git*", "1 3 7 8");
    row("path:/hooks/github", "1 3");
    row("path:/HOOKS/GITHUB", "1 3");
    row("path:*/gitlab", "7");
    row("path:/hooks/??????", "1 3 5 7");
    row("path:/hooks/*/*", "8");
    row("path:/health", "2");
    row("type:json", "1 3");
    row("type:xml", "7 8");
    row("type:text", "5 8");
    row("type:form", "4");
    row("type:none", "2 6");
    row("type:application/*", "1 3 4 7");
    row("type:*json*", "1 3");
    row("size:0", "2 6");
    row("size:>1k", "3");
    row("size:>=2k", "3");
    row("size:1..20", "4 5 7 8");
    row("id:3", "3");
    row("id:2..4", "2 3 4");
    row("id:>6", "7 8");
    row("remote:127.0.0.1", "1 2 8");
    row("remote:10.0.*", "3 6");
    row("remote:10.0.0.0/8", "3 6 7");
    row("remote:192.168.1.20", "4");
    row("remote:192.168.0.0/16", "4");
    row("remote:::1", "5");
    row("remote:[::1]:5005", "5");
    row("remote:127.0.0.1:5002", "2");
    row("remote:127.0.0.1:5003", "");
    row("rejected:yes", "6");
    row("rejected:no", "1 2 3 4 5 7 8");
    row("chunked:yes", "5");
    row("tls:yes", "1 6");
    row("tls:no", "2 3 4 5 7 8");
    row("-tls:yes status:2xx", "2 7 8");
    row("tls:yes OR chunked:yes", "1 5 6");
    row("warning:missing-host", "8");
    row("warning:upgrade-ignored", "7");
    row("warning:any", "7 8");
    row("-warning:any", "1 2 3 4 5 6");
    row("method:POST status:>=400", "3 6");
    row("method:POST OR status:404", "1 3 4 5 6 8");
    row("(method:PUT OR method:PATCH) size:>=10", "4 7");
    row("-(type:json OR type:xml)", "2 4 5 6");
    row("NOT rejected:yes method:POST", "1 3 5 8");
    // Payload terms: header lines and bodies.
    row("header:X-GitHub-Event=push", "1");
    row("header:x-github-event=PUSH", "1");
    row("header:X-GitHub-Event", "1 3");
    row("header:X-GitHub-Event=pull*", "3");
    row("header:X-GitHub-*", "1 3");
    row("header:Content-Type=*charset=*", "3");
    row("header:Content-Length=abc", "6");
    row("header:Host=localhost", "1 2 3 4 5");
    row("header:Host", "1 2 3 4 5 6 7");
    row("-header:Host", "8");
    row("header:User-Agent=\"GitHub-Hookshot/*\"", "8");
    row("header:Transfer-Encoding=chunked", "5");
    row("header:Upgrade:websocket", "7");
    row("header:X-Missing=", "");
    row("body:\"main\"", "1 3 7 8");
    row("body:\"two words\"", "");
    row("body:\"two+words\"", "4");
    row("body:\"hello stripe\"", "5");
    row("body:refs/heads", "1");
    row("-body:main", "2 4 5 6");
    row("github", "1 3 8");
    row("hookshot", "8");
    row("\"x-github-event: push\"", "1");
    row("stripe", "5");
    row("-github", "2 4 5 6 7");
    row("main method:PATCH", "7");
    row("main OR status:404", "1 3 4 7 8");
    row("header:X-GitHub-Event=push OR status:none", "1 5");
    row("-(header:Host=localhost OR rejected:yes)", "7 8");
    row("github -header:X-GitHub-Event", "8");
    // The event each request names, from the summary rows (GitHub's header here; no action).
    row("event:push", "1");
    row("event:PULL*", "3");
    row("-event:?*", "2 4 5 6 7 8");
    row("event:push OR event:pull_request", "1 3");
}

void TstFilter::customColumns()
{
    const CustomColumns columns{
        CustomColumn::make(QStringLiteral("GitHub event"), CustomColumn::Source::Header,
                           QStringLiteral("x-github-event")),
        CustomColumn::make(QStringLiteral("ref"), CustomColumn::Source::Json, QStringLiteral("/ref")),
    };
    QVERIFY(columns[0].isValid() && columns[1].isValid());
    const auto check = [&](const char *text, const char *ids) {
        FilterError error;
        const Filter f = Filter::parse(QString::fromUtf8(text), columns, &error);
        QVERIFY2(error.isNull(), qPrintable(error.message));
        QVERIFY(f.needsPayloads());
        const FilterEvaluator evaluator(f);
        std::vector<qint64> inMemory;
        for (const CapturedRequestPtr &r : std::as_const(m_records)) {
            if (evaluator.matches(*r))
                inMemory.push_back(r->id);
        }
        QCOMPARE(idText(inMemory), QString::fromUtf8(ids));
        const FilterEvaluator::Matches m = evaluator.evaluate(m_store);
        const FilterEvaluator::ScanResult scan =
            evaluator.scanPayloads(m_session, FilterEvaluator::idsOf(m_store, m.undecided));
        QVERIFY2(scan.ok(), qPrintable(scan.error));
        const std::vector<quint32> rows = FilterEvaluator::mergeRows(m_store, m.rows, scan.ids);
        QCOMPARE(idText(FilterEvaluator::idsOf(m_store, rows)), QString::fromUtf8(ids));
    };
    check("col:\"GitHub event\"=push", "1");
    check("col:\"github EVENT\"", "1 3");
    check("col:ref=refs/*", "1");
    check("-col:ref", "2 3 4 5 6 7 8");
    check("col:ref OR col:\"GitHub event\"=pull*", "1 3");
    // Canonical form quotes a name with a space, and parses back.
    QCOMPARE(Filter::parse(QStringLiteral("col:\"github event\"=PUSH"), columns).toString(),
             QStringLiteral("col:\"GitHub event\"=push"));
    // An unknown column says which there are; with none, where to add one.
    FilterError error;
    Filter::parse(QStringLiteral("col:refs=x"), columns, &error);
    QCOMPARE(error.message, QStringLiteral("no custom column is named 'refs' — did you mean ref?"));
    QCOMPARE(error.start, qsizetype(4));
    QCOMPARE(error.length, qsizetype(4));
    Filter::parse(QStringLiteral("col:ref=x"), &error);
    QCOMPARE(error.message, QStringLiteral("no custom column is named 'ref' — add one from the table header's menu"));
}

void TstFilter::evaluates()
{
    QFETCH(QString, filter);
    QFETCH(QString, ids);
    const std::vector<qint64> expected = idList(ids);
    FilterError error;
    const Filter f = Filter::parse(filter, &error);
    QVERIFY2(error.isNull(), qPrintable(error.message));
    const FilterEvaluator evaluator(f);

    // Whole records in memory.
    std::vector<qint64> inMemory;
    for (const CapturedRequestPtr &r : std::as_const(m_records)) {
        if (evaluator.matches(*r))
            inMemory.push_back(r->id);
    }
    QCOMPARE(idText(inMemory), ids);

    // Summary rows: what is certain is right, and nothing right is left out.
    const FilterEvaluator::Matches m = evaluator.evaluate(m_store);
    const std::vector<qint64> certain = FilterEvaluator::idsOf(m_store, m.rows);
    const std::vector<qint64> undecided = FilterEvaluator::idsOf(m_store, m.undecided);
    for (qint64 id : certain)
        QVERIFY2(std::binary_search(expected.begin(), expected.end(), id), qPrintable(QString::number(id)));
    for (qint64 id : expected) {
        QVERIFY2(std::binary_search(certain.begin(), certain.end(), id) ||
                     std::find(undecided.begin(), undecided.end(), id) != undecided.end(),
                 qPrintable(QString::number(id)));
    }
    if (!f.needsPayloads()) {
        QVERIFY(m.undecided.empty());
        QCOMPARE(idText(certain), ids);
    }

    // The session file decides the rest.
    const FilterEvaluator::ScanResult scan = evaluator.scanPayloads(m_session, undecided);
    QVERIFY2(scan.ok(), qPrintable(scan.error));
    QVERIFY(scan.missing.empty());
    const std::vector<quint32> rows = FilterEvaluator::mergeRows(m_store, m.rows, scan.ids);
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, rows)), ids);

    // Scanning every request gives the same answer: the slow path tests every term.
    const FilterEvaluator::ScanResult all =
        evaluator.scanPayloads(m_session, idList(QStringLiteral("8 7 6 5 4 3 2 1")));
    QVERIFY(all.ok());
    QCOMPARE(idText(all.ids), ids);
}

void TstFilter::fastPathLeavesPayloadTermsUndecided()
{
    // Free text is known from the target alone where the target has it.
    FilterEvaluator::Matches m = FilterEvaluator(Filter::parse(QStringLiteral("github"))).evaluate(m_store);
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.rows)), QStringLiteral("1 3 8"));
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.undecided)), QStringLiteral("2 4 5 6 7"));
    // Summary terms narrow what the slow path has to read.
    m = FilterEvaluator(Filter::parse(QStringLiteral("header:X-GitHub-Event=push status:2xx"))).evaluate(m_store);
    QVERIFY(m.rows.empty());
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.undecided)), QStringLiteral("1 2 7 8"));
    // A negated target match is certain not to match; the others still could.
    m = FilterEvaluator(Filter::parse(QStringLiteral("-github"))).evaluate(m_store);
    QVERIFY(m.rows.empty());
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.undecided)), QStringLiteral("2 4 5 6 7"));
    // OR with a certain side is certain.
    m = FilterEvaluator(Filter::parse(QStringLiteral("body:main OR rejected:yes"))).evaluate(m_store);
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.rows)), QStringLiteral("6"));
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.undecided)), QStringLiteral("1 2 3 4 5 7 8"));
}

void TstFilter::partialRange()
{
    const FilterEvaluator evaluator(Filter::parse(QStringLiteral("method:POST")));
    const FilterEvaluator::Matches m = evaluator.evaluate(m_store, 3, 6);
    QCOMPARE(idText(FilterEvaluator::idsOf(m_store, m.rows)), QStringLiteral("5 6"));
    QVERIFY(evaluator.evaluate(m_store, 6, 6).rows.empty());
    QCOMPARE(evaluator.evaluate(m_store, 5).rows.size(), size_t(2)); // 6 and 8
    const FilterEvaluator::Matches all = FilterEvaluator().evaluate(m_store, 2, 4);
    QCOMPARE(all.rows, (std::vector<quint32>{2, 3}));
}

void TstFilter::threadsAgree()
{
    // Enough rows for several threads, with uneven shares and a partial last block.
    SummaryStore store;
    std::mt19937 random(7);
    const QByteArray methods[] = {"GET", "POST", "PUT"};
    const QByteArray types[] = {"application/json", "text/plain", ""};
    const qsizetype rows = 600'001;
    for (qsizetype i = 0; i < rows; ++i) {
        const QByteArray target = "/hooks/" + QByteArray(i % 3 ? "github" : "gitlab") + "?id=" + QByteArray::number(i);
        store.append(i + 1, 0, methods[random() % 3], target, types[random() % 3], qint64(random() % 4096),
                     QStringLiteral("127.0.0.1"), 1, (random() % 10 == 0) ? qint64(FlagRejected) : qint64(0),
                     int(200 + (random() % 4) * 100), 0);
    }
    const char *filters[] = {"method:POST", "status:>=400 -type:json", "path:/hooks/gitl* OR size:<100",
                             "id=12345 method:GET", "body:x status:500"};
    for (const char *text : filters) {
        const FilterEvaluator evaluator(Filter::parse(QString::fromUtf8(text)));
        const FilterEvaluator::Matches one = evaluator.evaluate(store, 0, -1, 1);
        const FilterEvaluator::Matches many = evaluator.evaluate(store, 0, -1, 3);
        QVERIFY2(one.rows == many.rows, text);
        QVERIFY2(one.undecided == many.undecided, text);
        QVERIFY2(std::is_sorted(many.rows.begin(), many.rows.end()), text);
        QVERIFY2(!one.rows.empty() || !one.undecided.empty(), text);
    }
    // The same count as a plain loop.
    const FilterEvaluator posts(Filter::parse(QStringLiteral("method:post size:<=100")));
    size_t expected = 0;
    for (qsizetype i = 0; i < store.size(); ++i)
        expected += store.method(store.at(i)) == "POST" && store.at(i).bodySize <= 100;
    QCOMPARE(posts.evaluate(store, 0, -1, 2).rows.size(), expected);
    // A range that starts off any boundary and crosses from one of the store's blocks to the
    // next (as when only rows added since the last look are evaluated) agrees with a plain loop.
    const qsizetype from = SummaryStore::kRowMask - 37;
    const qsizetype to = from + 3 * 64 + 5;
    std::vector<quint32> plain;
    for (qsizetype i = from; i < to; ++i) {
        if (store.method(store.at(i)) == "POST" && store.at(i).bodySize <= 100)
            plain.push_back(quint32(i));
    }
    QCOMPARE(posts.evaluate(store, from, to, 1).rows, plain);

    // A target longer than the summary keeps is not decided on its cut start: path: on it is
    // left to the scan of the file, which has it whole.
    SummaryStore cut;
    const QByteArray longTarget = "/long/" + QByteArray(SummaryStore::kMaxTarget, 'x') + "/end";
    cut.append(1, 0, "GET", longTarget, {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    cut.append(2, 0, "GET", "/short/end", {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    const FilterEvaluator::Matches ends = FilterEvaluator(Filter::parse(QStringLiteral("path:*/end"))).evaluate(cut);
    QCOMPARE(ends.rows, (std::vector<quint32>{1}));
    QCOMPARE(ends.undecided, (std::vector<quint32>{0}));
}

void TstFilter::scanReportsMissingAndErrors()
{
    const FilterEvaluator evaluator(Filter::parse(QStringLiteral("body:main")));
    const FilterEvaluator::ScanResult r = evaluator.scanPayloads(m_session, {99, 1, 0, 7, 7});
    QVERIFY(r.ok());
    QCOMPARE(idText(r.ids), QStringLiteral("1 7"));
    QCOMPARE(idText(r.missing), QStringLiteral("0 99"));

    const FilterEvaluator::ScanResult none = evaluator.scanPayloads(m_dir.filePath(QStringLiteral("nope")), {1});
    QVERIFY(!none.ok());
    QVERIFY(!none.cancelled);
    QVERIFY2(none.error.contains(QStringLiteral("nope")), qPrintable(none.error));

    QVERIFY(evaluator.scanPayloads(m_session, {}).ok());
}

void TstFilter::scanCancels()
{
    const QString file = m_dir.filePath(QStringLiteral("many.hookscope"));
    CapturedBatch batch;
    std::vector<qint64> ids;
    for (qint64 id = 1; id <= 3000; ++id) {
        batch.append(capture(id,
                             post("/hooks/" + QByteArray::number(id), "Host: x\r\n", "main " + QByteArray(200, 'z')),
                             200, QStringLiteral("127.0.0.1")));
        ids.push_back(id);
    }
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        writer.submit(batch);
        writer.stop();
    }
    const FilterEvaluator evaluator(Filter::parse(QStringLiteral("body:main")));

    // Progress runs to the end when nobody cancels.
    qint64 lastDone = -1;
    qint64 lastTotal = -1;
    const FilterEvaluator::ScanResult full = evaluator.scanPayloads(file, ids, [&](qint64 done, qint64 total) {
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QVERIFY(full.ok());
    QCOMPARE(full.ids.size(), size_t(3000));
    QCOMPARE(lastDone, qint64(3000));
    QCOMPARE(lastTotal, qint64(3000));

    // Returning false stops the scan at once.
    int calls = 0;
    const FilterEvaluator::ScanResult stopped = evaluator.scanPayloads(file, ids, [&calls](qint64, qint64) {
        ++calls;
        return false;
    });
    QVERIFY(stopped.cancelled);
    QVERIFY(!stopped.ok());
    QVERIFY(stopped.error.isEmpty());
    QCOMPARE(calls, 1);
    QVERIFY(stopped.ids.size() < 10);

    // Cancelled from another thread (what the window does when the filter changes).
    std::atomic<bool> cancel{false};
    FilterEvaluator::ScanResult threaded;
    std::thread worker(
        [&] { threaded = evaluator.scanPayloads(file, ids, [&cancel](qint64, qint64) { return !cancel.load(); }); });
    cancel = true;
    worker.join();
    QVERIFY(threaded.cancelled || threaded.ids.size() == 3000); // it may have finished first
}

QTEST_GUILESS_MAIN(TstFilter)
#include "tst_filter.moc"
