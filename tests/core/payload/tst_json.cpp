#include "core/payload/jsontestdata.h"
#include "payload/jsonformatter.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Payload;

namespace {

QByteArray pretty(const QByteArray &json)
{
    const JsonFormatResult r = formatJson(json);
    if (!r.ok())
        qWarning("not formatted: %s at %lld", qPrintable(r.error.reason), r.error.offset);
    return r.text;
}

// Depth of each line from the brackets before it, to check the indentation independently of
// the formatter's own bookkeeping.
bool indentationMatchesNesting(const QByteArray &text)
{
    int depth = 0;
    bool inString = false;
    for (const QByteArray &line : text.split('\n')) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line[spaces] == ' ')
            ++spaces;
        const bool closes = spaces < line.size() && (line[spaces] == '}' || line[spaces] == ']');
        if (spaces != 2 * (closes ? depth - 1 : depth))
            return false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if ((c == '{' || c == '[') && !(i + 1 < line.size() && (line[i + 1] == '}' || line[i + 1] == ']'))) {
                ++depth;
            } else if ((c == '}' || c == ']') && !(i > 0 && (line[i - 1] == '{' || line[i - 1] == '['))) {
                --depth;
            }
        }
    }
    return depth == 0;
}

} // namespace

class TstJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactLayout()
    {
        const QByteArray in = R"({"b":1,"a":[true,false,null,{}, [ ] ,{"x":"y"}],"c":{"d":[1.0,1e3,-0]}})";
        const QByteArray expected = "{\n"
                                    "  \"b\": 1,\n"
                                    "  \"a\": [\n"
                                    "    true,\n"
                                    "    false,\n"
                                    "    null,\n"
                                    "    {},\n"
                                    "    [],\n"
                                    "    {\n"
                                    "      \"x\": \"y\"\n"
                                    "    }\n"
                                    "  ],\n"
                                    "  \"c\": {\n"
                                    "    \"d\": [\n"
                                    "      1.0,\n"
                                    "      1e3,\n"
                                    "      -0\n"
                                    "    ]\n"
                                    "  }\n"
                                    "}";
        QCOMPARE(pretty(in), expected);
        // Formatting pretty text again changes nothing.
        QCOMPARE(pretty(expected), expected);
    }

    void spellingsKept_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("top-level number")
            << QByteArray(" 12345678901234567890123 ") << QByteArray("12345678901234567890123");
        QTest::newRow("top-level string") << QByteArray("\"\\u00e9\\/\"") << QByteArray("\"\\u00e9\\/\"");
        QTest::newRow("top-level literal") << QByteArray("\r\nnull\t") << QByteArray("null");
        QTest::newRow("empty object") << QByteArray("{ \n }") << QByteArray("{}");
        QTest::newRow("empty array") << QByteArray("[\t]") << QByteArray("[]");
        QTest::newRow("number spellings")
            << QByteArray("[1.0,1E+3,-0.0e-0,0.10]") << QByteArray("[\n  1.0,\n  1E+3,\n  -0.0e-0,\n  0.10\n]");
        QTest::newRow("raw utf-8 and escapes")
            << QByteArray("{\"\xc3\xa9\\u00E9\":\"\\ud83d\\ude00\xf0\x9f\x98\x80\"}")
            << QByteArray("{\n  \"\xc3\xa9\\u00E9\": \"\\ud83d\\ude00\xf0\x9f\x98\x80\"\n}");
        QTest::newRow("whitespace inside strings") << QByteArray("[\" a\\tb \" ]") << QByteArray("[\n  \" a\\tb \"\n]");
        QTest::newRow("duplicate keys kept")
            << QByteArray("{\"a\":1,\"a\":2}") << QByteArray("{\n  \"a\": 1,\n  \"a\": 2\n}");
        QTest::newRow("bom dropped") << QByteArray("\xef\xbb\xbf[1]") << QByteArray("[\n  1\n]");
        QTest::newRow("invalid utf-8 copied") << QByteArray("[\"\xff\xfe\"]") << QByteArray("[\n  \"\xff\xfe\"\n]");
    }

    void spellingsKept()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        QCOMPARE(pretty(json), expected);
    }

    // The property the detail pane promises: only whitespace outside strings changes.
    void onlyWhitespaceChanges()
    {
        for (quint32 seed = 1; seed <= 400; ++seed) {
            JsonTestData::Generator gen(seed);
            const QByteArray in = gen.document(1 + int(seed % 8));
            const QByteArray out = pretty(in);
            QVERIFY2(!out.isEmpty(), in.constData());
            QCOMPARE(JsonTestData::stripWhitespace(out), JsonTestData::stripWhitespace(in));
            QVERIFY2(indentationMatchesNesting(out), out.constData());
            QCOMPARE(pretty(out), out);
            // And it is still JSON with the same meaning, as far as Qt's parser can tell.
            QJsonParseError e1, e2;
            const QJsonDocument d1 = QJsonDocument::fromJson(in, &e1);
            const QJsonDocument d2 = QJsonDocument::fromJson(out, &e2);
            QCOMPARE(e2.error, e1.error);
            QCOMPARE(d2, d1);
        }
    }

    void deepNesting()
    {
        const int depth = 100000;
        const QByteArray in = QByteArray(depth, '[') + "\"deep\"" + QByteArray(depth, ']');
        const JsonFormatResult r = formatJson(in);
        QVERIFY(r.ok());
        QCOMPARE(JsonTestData::stripWhitespace(r.text), in);
        // Indentation stops growing at 64 levels, so the output stays linear in the input.
        qsizetype widest = 0;
        for (const QByteArray &line : r.text.split('\n'))
            widest = qMax(widest, line.size());
        QCOMPARE(widest, 2 * 64 + qsizetype(std::strlen("\"deep\"")));
    }

    void outputCap()
    {
        // 1 KB of input whose indentation would be 64 times larger.
        QByteArray in = QByteArray(64, '[') + "0";
        for (int i = 0; i < 500; ++i)
            in += ",0";
        in += QByteArray(64, ']');
        JsonFormatOptions options;
        options.maxOutputBytes = 16 * 1024;
        const JsonFormatResult r = formatJson(in, {}, options);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.reason.contains(QLatin1StringView("larger than")), qPrintable(r.error.reason));
        QVERIFY(r.text.isEmpty());
        options.maxOutputBytes = 1 << 20;
        QVERIFY(formatJson(in, {}, options).ok());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<qint64>("column");
        QTest::addColumn<QString>("reason");
        auto row = [](const char *name, const QByteArray &json, qint64 offset, qint64 line, qint64 column,
                      const char *reason) {
            QTest::newRow(name) << json << offset << line << column << QString::fromUtf8(reason);
        };
        row("empty", "", 0, 1, 1, "empty");
        row("only whitespace", " \n ", 3, 2, 2, "empty");
        row("missing comma in object", "{\"a\":1 \"b\":2}", 7, 1, 8, "expected ',' or '}' after an object member");
        row("missing comma in array", "[1\n 2]", 4, 2, 2, "expected ',' or ']' after an array element");
        row("trailing comma object", "{\"a\":1,}", 7, 1, 8, "trailing comma");
        row("trailing comma array", "[1,\n]", 4, 2, 1, "trailing comma");
        row("unquoted key", "{a:1}", 1, 1, 2, "expected a member name in double quotes");
        row("missing colon", "{\"a\" 1}", 5, 1, 6, "expected ':' after the member name");
        row("leading zero", "[01]", 2, 1, 3, "leading zeros");
        row("bare minus", "[-]", 2, 1, 3, "expected a digit after '-'");
        row("dot without digits", "[1.]", 3, 1, 4, "decimal point");
        row("exponent without digits", "[1e+]", 4, 1, 5, "exponent");
        row("bad literal", "[tru]", 4, 1, 5, "expected 'true'");
        row("bad escape", "[\"a\\x\"]", 4, 1, 5, "invalid escape");
        row("short unicode escape", "[\"\\u12G4\"]", 6, 1, 7, "four hex digits");
        row("raw newline in string", "[\"a\nb\"]", 3, 1, 4, "control character");
        row("unterminated string", "[\"abc", 5, 1, 6, "end of input inside a string");
        row("unclosed array", "[1,2", 4, 1, 5, "unexpected end of input: expected ',' or ']'");
        row("unclosed object", "{\"a\":{}", 7, 1, 8, "unexpected end of input: expected ',' or '}'");
        row("two values", "{} {}", 3, 1, 4, "unexpected data after the JSON value");
        row("single quotes", "['a']", 1, 1, 2, "expected a value");
        row("close without open", "]", 0, 1, 1, "expected a value, found ']'");
        row("value missing", "{\"a\":}", 5, 1, 6, "expected a value, found '}'");
        // Columns count UTF-16 units: é is one, 😀 (4 UTF-8 bytes) is two.
        row("column after non-ascii", "[\"\xc3\xa9\xf0\x9f\x98\x80\" x]", 10, 1, 8, "expected ',' or ']'");
        row("line after CRLF", "{\r\n\"a\":\r\n1,,", 11, 3, 3, "expected a member name in double quotes");
    }

    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, offset);
        QFETCH(qint64, line);
        QFETCH(qint64, column);
        QFETCH(QString, reason);
        const JsonFormatResult r = formatJson(json);
        QVERIFY(!r.ok());
        QVERIFY(!r.cancelled);
        QVERIFY(r.text.isEmpty());
        QCOMPARE(r.error.offset, offset);
        QCOMPARE(r.error.line, line);
        QCOMPARE(r.error.column, column);
        QVERIFY2(r.error.reason.contains(reason), qPrintable(r.error.reason));
    }

    void cancelBeforeStart()
    {
        const QByteArray in = JsonTestData::webhookBatch(1 << 20);
        std::atomic_bool cancel{true};
        JobControl control;
        control.cancel = &cancel;
        const JsonFormatResult r = formatJson(in, control);
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok());
        QVERIFY(r.text.isEmpty());
    }

    void cancelFromProgress()
    {
        const QByteArray in = JsonTestData::webhookBatch(4 << 20);
        std::atomic_bool cancel{false};
        QList<qint64> seen;
        JobControl control;
        control.cancel = &cancel;
        control.progressInterval = 256 * 1024;
        control.progress = [&](qint64 done, qint64 total) {
            QCOMPARE(total, in.size());
            seen.append(done);
            if (done >= 1 << 20)
                cancel = true;
        };
        const JsonFormatResult r = formatJson(in, control);
        QVERIFY(r.cancelled);
        QVERIFY(seen.size() >= 4);
        // Stopped soon after the flag was set, far from the end.
        QVERIFY(seen.last() < 2 << 20);
    }

    void progressReachesTotal()
    {
        const QByteArray in = JsonTestData::webhookBatch(3 << 20);
        QList<qint64> seen;
        JobControl control;
        control.progressInterval = 512 * 1024;
        control.progress = [&](qint64 done, qint64) { seen.append(done); };
        QVERIFY(formatJson(in, control).ok());
        QVERIFY(seen.size() >= 6);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        QCOMPARE(seen.last(), in.size());
    }

    void firstLines()
    {
        const QByteArray in = JsonTestData::webhookBatch(1 << 20);
        const QByteArray full = pretty(in);
        JsonFormatOptions options;
        options.maxLines = 200;
        const JsonFormatResult r = formatJson(in, {}, options);
        QVERIFY(r.ok());
        QVERIFY(r.truncated);
        QCOMPARE(r.text.count('\n'), 199);
        QVERIFY(full.startsWith(QByteArray(r.text + '\n')));
        // A document shorter than the limit is not truncated.
        options.maxLines = 1000;
        const JsonFormatResult small = formatJson("{\"a\":[1,2]}", {}, options);
        QVERIFY(!small.truncated);
        QCOMPARE(small.text, pretty("{\"a\":[1,2]}"));
    }

    void lineSpans()
    {
        // Not a raw string literal: moc misreads R"(...)" holding \".
        const QByteArray line = "    \"k\\\"ey\" : [1.5e3, \"v\\\\\", true, null, {}],";
        const QList<TokenSpan> spans = jsonLineSpans(line);
        auto text = [&](const TokenSpan &s) { return line.mid(s.start, s.length); };
        QList<QByteArray> texts;
        QList<TokenType> types;
        for (const TokenSpan &s : spans) {
            texts.append(text(s));
            types.append(s.type);
        }
        QCOMPARE(texts, (QList<QByteArray>{"\"k\\\"ey\"", ":", "[", "1.5e3", ",", "\"v\\\\\"", ",", "true", ",", "null",
                                           ",", "{", "}", "]", ","}));
        QCOMPARE(types.first(), TokenType::Key);
        QCOMPARE(types[3], TokenType::Number);
        QCOMPARE(types[5], TokenType::String);
        QCOMPARE(types[7], TokenType::Literal);
        QCOMPARE(types[1], TokenType::Punctuation);
        // The UTF-16 overload gives UTF-16 offsets.
        const QString wide = QString::fromUtf8("  \"\xc3\xa9\xf0\x9f\x98\x80\": 1");
        const QList<TokenSpan> w = jsonLineSpans(QStringView(wide));
        QCOMPARE(w.size(), 3);
        QCOMPARE(w[0], (TokenSpan{2, 5, TokenType::Key}));
        QCOMPARE(w[2], (TokenSpan{9, 1, TokenType::Number}));
    }

    // Every line of formatted output classifies the same way as the whole text would.
    void lineSpansOverFormattedOutput()
    {
        JsonTestData::Generator gen(7);
        const QByteArray out = pretty(gen.document(6));
        for (const QByteArray &line : out.split('\n')) {
            qsizetype covered = 0;
            for (const TokenSpan &s : jsonLineSpans(line))
                covered += s.length;
            qsizetype nonSpace = 0;
            bool inString = false;
            for (qsizetype i = 0; i < line.size(); ++i) {
                if (line[i] == '"' && (i == 0 || line[i - 1] != '\\' || !inString))
                    inString = !inString;
                if (inString || line[i] != ' ')
                    ++nonSpace;
            }
            QCOMPARE(covered, nonSpace);
        }
    }
};

QTEST_GUILESS_MAIN(TstJson)
#include "tst_json.moc"
