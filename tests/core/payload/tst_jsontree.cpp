#include "core/payload/jsontestdata.h"
#include "payload/jsonformatter.h"
#include "payload/jsontree.h"

#include <QtTest>

using namespace Payload;

namespace {

QByteArray text(const JsonTree &tree, quint32 i)
{
    return tree.valueText(i).toByteArray();
}

// RFC 6901 cannot tell apart members of the same name; find() takes the first.
bool duplicateKeyOnPath(const JsonTree &tree, quint32 i)
{
    for (; tree.node(i).parent != JsonTree::kNone; i = tree.node(i).parent) {
        const quint32 parent = tree.node(i).parent;
        if (tree.node(parent).type != JsonType::Object)
            continue;
        for (quint32 row = 0; row < tree.row(i); ++row) {
            if (tree.key(tree.child(parent, row)) == tree.key(i))
                return true;
        }
    }
    return false;
}

} // namespace

class TstJsonTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nodeIsSmall() { QCOMPARE(sizeof(JsonTree::Node), size_t(32)); }

    void structure()
    {
        const QByteArray json = " {\"a\": [1.0, {\"b\": null}, \"x\"], \"c\" : {}, \"d\":-0 } ";
        const JsonTree tree = JsonTree::build(json);
        QVERIFY(tree.isValid());
        QCOMPARE(tree.size(), 8u);
        const JsonTree::Node &root = tree.node(0);
        QCOMPARE(root.type, JsonType::Object);
        QCOMPARE(root.parent, JsonTree::kNone);
        QCOMPARE(root.childCount, 3u);
        QCOMPARE(text(tree, 0), json.trimmed());

        const quint32 a = tree.child(0, 0);
        QCOMPARE(tree.key(a), QStringLiteral("a"));
        QCOMPARE(tree.rawKey(a).toByteArray(), QByteArray("\"a\""));
        QCOMPARE(tree.node(a).type, JsonType::Array);
        QCOMPARE(tree.node(a).childCount, 3u);
        QCOMPARE(text(tree, a), QByteArray("[1.0, {\"b\": null}, \"x\"]"));
        QCOMPARE(text(tree, tree.child(a, 0)), QByteArray("1.0"));
        QCOMPARE(tree.node(tree.child(a, 0)).type, JsonType::Number);
        QVERIFY(tree.rawKey(tree.child(a, 0)).isEmpty());
        const quint32 inner = tree.child(a, 1);
        QCOMPARE(tree.node(tree.child(inner, 0)).type, JsonType::Null);
        QCOMPARE(text(tree, tree.child(a, 2)), QByteArray("\"x\""));

        const quint32 c = tree.child(0, 1);
        QCOMPARE(tree.node(c).childCount, 0u);
        QCOMPARE(text(tree, c), QByteArray("{}"));
        QCOMPARE(text(tree, tree.child(0, 2)), QByteArray("-0"));
        QCOMPARE(tree.child(0, 3), JsonTree::kNone);

        // Rows and parents agree with child().
        for (quint32 i = 1; i < tree.size(); ++i)
            QCOMPARE(tree.child(tree.node(i).parent, tree.row(i)), i);
    }

    // (No raw string literals in this file: moc misreads them.)
    void pointers()
    {
        const QByteArray json = "{\"a/b\":{\"m~n\":[10,{\"\":true}]},\"\\u002f\":1,\"\\u00e9\":2,\"x\":{\"0\":3}}";
        const JsonTree tree = JsonTree::build(json);
        QVERIFY(tree.isValid());
        struct Case
        {
            const char16_t *pointer;
            const char *value;
        };
        const Case cases[] = {
            {u"", nullptr},
            {u"/a~1b", "{\"m~n\":[10,{\"\":true}]}"},
            {u"/a~1b/m~0n", "[10,{\"\":true}]"},
            {u"/a~1b/m~0n/0", "10"},
            {u"/a~1b/m~0n/1/", "true"},
            {u"/~1", "1"},  // the key was written \u002f
            {u"/é", "2"},   // the key was written \u00e9
            {u"/x/0", "3"}, // "0" is a member name here, not an index
        };
        for (const Case &c : cases) {
            const QString pointer = QString::fromUtf16(c.pointer);
            const quint32 node = tree.find(pointer);
            QVERIFY2(node != JsonTree::kNone, qPrintable(pointer));
            QCOMPARE(tree.pointer(node), pointer);
            if (c.value)
                QCOMPARE(text(tree, node), QByteArray(c.value));
        }
        QCOMPARE(tree.find(u"/a~1b/m~0n/2"), JsonTree::kNone);
        QCOMPARE(tree.find(u"/a~1b/m~0n/01"), JsonTree::kNone); // RFC 6901 §4: no leading zeros
        QCOMPARE(tree.find(u"/nope"), JsonTree::kNone);
        QCOMPARE(tree.find(u"a"), JsonTree::kNone);
    }

    void topLevelScalar()
    {
        const JsonTree tree = JsonTree::build(" \"\\u00e9\" ");
        QVERIFY(tree.isValid());
        QCOMPARE(tree.size(), 1u);
        QCOMPARE(tree.node(0).type, JsonType::String);
        QCOMPARE(text(tree, 0), QByteArray("\"\\u00e9\""));
        QCOMPARE(tree.pointer(0), QString());
    }

    void decodeStrings()
    {
        QCOMPARE(decodeJsonString("\"a\\\"b\\\\c\\/d\\n\\t\""), QStringLiteral("a\"b\\c/d\n\t"));
        QCOMPARE(decodeJsonString("\"\\ud83d\\ude00 \\u00E9\""), QString::fromUtf16(u"😀 é"));
        QCOMPARE(decodeJsonString("\"\xc3\xa9\""), QString::fromUtf16(u"é"));
        QCOMPARE(decodeJsonString("\"\\ud83d\"").size(), 1); // a lone surrogate stays
    }

    // For every node of generated documents: the pointer finds it again (unless a member of the
    // same name comes first), its text is valid JSON on its own, and lies inside its parent's text.
    void generatedDocuments()
    {
        for (quint32 seed = 1; seed <= 150; ++seed) {
            JsonTestData::Generator gen(seed);
            const QByteArray json = gen.document(2 + int(seed % 6));
            const JsonTree tree = JsonTree::build(json);
            QVERIFY2(tree.isValid(), json.constData());
            quint32 counted = 1;
            for (quint32 i = 0; i < tree.size(); ++i) {
                const JsonTree::Node &n = tree.node(i);
                counted += n.childCount;
                if (!duplicateKeyOnPath(tree, i))
                    QCOMPARE(tree.find(tree.pointer(i)), i);
                QVERIFY(formatJson(tree.valueText(i)).ok());
                if (n.parent != JsonTree::kNone) {
                    const JsonTree::Node &p = tree.node(n.parent);
                    QVERIFY(n.valueOffset > p.valueOffset);
                    QVERIFY(n.valueOffset + n.valueLength < p.valueOffset + p.valueLength);
                }
                if (n.type != JsonType::Object && n.type != JsonType::Array)
                    QCOMPARE(n.childCount, 0u);
            }
            QCOMPARE(counted, tree.size());
        }
    }

    void bigArrayRandomAccess()
    {
        QByteArray json = "[";
        for (int i = 0; i < 100000; ++i) {
            if (i)
                json += ',';
            json += QByteArray::number(i);
        }
        json += ']';
        const JsonTree tree = JsonTree::build(json);
        QCOMPARE(tree.node(0).childCount, 100000u);
        const quint32 last = tree.child(0, 99999);
        QCOMPARE(text(tree, last), QByteArray("99999"));
        QCOMPARE(tree.row(last), 99999u);
        QCOMPARE(tree.pointer(last), QStringLiteral("/99999"));
    }

    void errorsMatchTheFormatter()
    {
        for (const char *bad : {"{\"a\":1 \"b\":2}", "[1,]", "", "{\"a\"}", "[\"x\n\"]", "[1] 2"}) {
            const JsonTree tree = JsonTree::build(bad);
            QVERIFY(!tree.isValid());
            const JsonFormatResult f = formatJson(bad);
            QCOMPARE(tree.error().offset, f.error.offset);
            QCOMPARE(tree.error().reason, f.error.reason);
        }
    }

    void cancel()
    {
        const QByteArray json = JsonTestData::webhookBatch(2 << 20);
        std::atomic_bool flag{false};
        JobControl control;
        control.cancel = &flag;
        control.progressInterval = 128 * 1024;
        control.progress = [&](qint64 done, qint64) {
            if (done > 512 * 1024)
                flag = true;
        };
        const JsonTree tree = JsonTree::build(json, control);
        QVERIFY(tree.wasCancelled());
        QVERIFY(!tree.isValid());
    }
};

QTEST_GUILESS_MAIN(TstJsonTree)
#include "tst_jsontree.moc"
