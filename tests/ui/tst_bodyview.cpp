// The body tab: each kind of body shown the way people read it, and never an empty pane.

#include "bodyview.h"
#include "fieldsmodel.h"
#include "jsontreemodel.h"
#include "views/codeview.h"
#include "views/hexview.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

#include <zlib.h>

using Gui::BodyView;

namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&s, uLong(data.size()))) + 32, '\0');
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

/// A real PNG file of `width` × `height` pixels of one colour.
QByteArray pngFile(int width, int height, Qt::GlobalColor colour)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    return image.save(&buffer, "PNG") ? bytes : QByteArray();
}

bool showBody(BodyView &view, const QByteArray &body, const QByteArray &type, const QByteArray &encoding = {})
{
    QSignalSpy ready(&view, &BodyView::ready);
    view.setBody(body, type, encoding);
    return ready.wait(10000);
}

/// A visible label of `view` showing a picture, or null.
const QLabel *shownPicture(const QWidget &view)
{
    for (const QLabel *label : view.findChildren<QLabel *>()) {
        if (label->isVisible() && !label->pixmap().isNull())
            return label;
    }
    return nullptr;
}

/// Whether a visible label of `view` says `text` (or more).
bool says(const QWidget &view, const QString &text)
{
    const QList<QLabel *> labels = view.findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(),
                       [&](const QLabel *l) { return l->isVisible() && l->text().contains(text); });
}

/// What the visible code view of `view` shows, or a null array.
QByteArray shownCode(const QWidget &view)
{
    for (const Gui::CodeView *code : view.findChildren<Gui::CodeView *>()) {
        if (code->isVisible())
            return code->text();
    }
    return {};
}

} // namespace

class TstBodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonPrettyChangesOnlyWhitespace();
    void invalidJsonShownAsSentWithThePlace();
    void jsonTree();
    void xml();
    void form();
    void multipart();
    void multipartPartsShownByTheirOwnType();
    void gzipDecodedForDisplay();
    void image();
    void binaryAsHex();
    void charset();
    void newBodyCancelsTheOld();
    void largeJsonFirstScreenAtOnce();
};

void TstBodyView::jsonPrettyChangesOnlyWhitespace()
{
    BodyView view;
    const QByteArray json = R"({"id":12345678901234567890,"n":1.0,"e":1e3,"s":"caf\u00e9 \/","a":[],"o":{}})";
    QVERIFY(showBody(view, json, "application/json; charset=utf-8"));
    QCOMPARE(view.mode(), BodyView::Pretty);
    QCOMPARE(view.shownText(), QByteArray("{\n"
                                          "  \"id\": 12345678901234567890,\n"
                                          "  \"n\": 1.0,\n"
                                          "  \"e\": 1e3,\n"
                                          "  \"s\": \"caf\\u00e9 \\/\",\n"
                                          "  \"a\": [],\n"
                                          "  \"o\": {}\n"
                                          "}"));
    // Highlighted: the key on the second line is coloured as a key.
    const QList<Gui::Span> spans = view.codeView()->lineSpans(1);
    QVERIFY(std::any_of(spans.cbegin(), spans.cend(), [](const Gui::Span &s) { return s.role == Gui::SpanRole::Key; }));
}

void TstBodyView::invalidJsonShownAsSentWithThePlace()
{
    BodyView view;
    const QByteArray broken = "{\"a\": 1,\n \"b\" 2}";
    QVERIFY(showBody(view, broken, "application/json"));
    QCOMPARE(view.mode(), BodyView::Text);
    QCOMPARE(view.shownText(), broken); // never an empty pane
    QVERIFY2(view.statusText().contains(QStringLiteral("line 2")), qPrintable(view.statusText()));
    QVERIFY(view.statusText().contains(QStringLiteral("byte 14")));
}

void TstBodyView::jsonTree()
{
    BodyView view;
    QVERIFY(showBody(view, R"({"a/b":[10,{"x~y":true}],"c":null})", "application/json"));
    view.setMode(BodyView::Tree);
    QTRY_VERIFY(!view.isBusy());
    Gui::JsonTreeModel *model = view.treeModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(model->rowCount(root), 2);
    const QModelIndex array = model->index(0, 0, root);
    QCOMPARE(array.data().toString(), QStringLiteral("a/b"));
    const QModelIndex object = model->index(1, 0, array);
    const QModelIndex flag = model->index(0, 0, object);
    QCOMPARE(flag.data().toString(), QStringLiteral("x~y"));
    QCOMPARE(model->pointer(flag), QStringLiteral("/a~1b/1/x~0y"));
    QCOMPARE(model->valueText(object), QStringLiteral(R"({"x~y":true})"));
    QCOMPARE(model->index(0, Gui::JsonTreeModel::Value, object).data().toString(), QStringLiteral("true"));
}

void TstBodyView::xml()
{
    BodyView view;
    QVERIFY(showBody(view, "<?xml version=\"1.0\"?><a x=\"1\"><b>t</b><c/></a>", "application/xml"));
    QCOMPARE(view.mode(), BodyView::Pretty);
    QVERIFY2(view.shownText().contains("\n  <b>t</b>"), view.shownText().constData());
    QVERIFY(showBody(view, "<a><b></a>", "text/xml"));
    QCOMPARE(view.mode(), BodyView::Text);
    QVERIFY(view.statusText().contains(QStringLiteral("Not valid XML")));
}

void TstBodyView::form()
{
    BodyView view;
    QVERIFY(showBody(view, "name=J%C3%BCrgen+M&tag=a&tag=b&empty=", "application/x-www-form-urlencoded"));
    QCOMPARE(view.mode(), BodyView::Table);
    Gui::FieldsModel *form = view.formModel();
    QCOMPARE(form->rowCount(), 4);
    QCOMPARE(form->index(0, Gui::FieldsModel::Value).data().toString(), QStringLiteral("Jürgen M"));
    QCOMPARE(form->index(2, Gui::FieldsModel::Name).data().toString(), QStringLiteral("tag"));
    QCOMPARE(form->index(2, Gui::FieldsModel::Value).data().toString(), QStringLiteral("b"));
}

void TstBodyView::multipart()
{
    BodyView view;
    const QByteArray png("\x89PNG\r\n\x1a\n\x00\x00", 10);
    const QByteArray body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                            "Content-Type: image/png\r\n\r\n" +
                            png + "\r\n--XyZ--\r\n";
    QVERIFY(showBody(view, body, "multipart/form-data; boundary=XyZ"));
    QCOMPARE(view.mode(), BodyView::Parts);
    QCOMPARE(view.parts().parts.size(), 2);
    QCOMPARE(view.parts().parts.at(0).name, QStringLiteral("title"));
    QCOMPARE(view.parts().parts.at(1).filename, QStringLiteral("a.png"));
    QCOMPARE(view.parts().parts.at(1).body, png); // exact bytes, savable as they came
}

void TstBodyView::multipartPartsShownByTheirOwnType()
{
    // A form upload as browsers send it: a JSON field and a real PNG file, 7 × 5 pixels.
    const QByteArray picture = pngFile(7, 5, Qt::blue);
    QVERIFY(!picture.isEmpty());
    QVERIFY(!picture.isValidUtf8());
    const QByteArray body = "--b0undary\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                            "Content-Type: application/json\r\n\r\n{\"a\":1}\r\n"
                            "--b0undary\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n"
                            "Content-Type: image/png\r\n\r\n" +
                            picture + "\r\n--b0undary--\r\n";
    BodyView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(showBody(view, body, "multipart/form-data; boundary=b0undary"));
    QCOMPARE(view.mode(), BodyView::Parts);
    // The PNG's bytes are not a fault of the body: no "byte sequence(s) not valid in UTF-8".
    QVERIFY2(!view.statusText().contains(QStringLiteral("not valid")), qPrintable(view.statusText()));

    auto *parts = view.findChild<QListWidget *>();
    QVERIFY(parts);
    QCOMPARE(parts->count(), 2);
    // The first part is JSON, and reads as JSON does at the top level: pretty.
    QCOMPARE(parts->currentRow(), 0);
    QTRY_COMPARE(shownCode(view), QByteArray("{\n  \"a\": 1\n}"));

    // The image part is shown as the image, with its size, not as hex.
    parts->setCurrentRow(1);
    QTRY_VERIFY(shownPicture(view));
    QCOMPARE(shownPicture(view)->pixmap().size(), QSize(7, 5));
    QCOMPARE(shownPicture(view)->pixmap().toImage().pixelColor(3, 2), QColor(Qt::blue));
    QVERIFY(says(view, QStringLiteral("image/png, 7 × 5")));
    QVERIFY(!says(view, QStringLiteral("not valid in UTF-8")));
    QCOMPARE(view.parts().parts.at(1).body, picture); // still the exact bytes, for Save Part

    // Back to the field: the picture goes, the JSON comes back.
    parts->setCurrentRow(0);
    QTRY_COMPARE(shownCode(view), QByteArray("{\n  \"a\": 1\n}"));
    QVERIFY(!shownPicture(view));
}

void TstBodyView::gzipDecodedForDisplay()
{
    BodyView view;
    QVERIFY(showBody(view, gzip(R"({"zipped":true})"), "application/json", "gzip"));
    QCOMPARE(view.mode(), BodyView::Pretty);
    QCOMPARE(view.shownText(), QByteArray("{\n  \"zipped\": true\n}"));
    QVERIFY(view.statusText().contains(QStringLiteral("gzip decoded")));
    QVERIFY(showBody(view, "not gzip at all", "text/plain", "gzip"));
    QVERIFY(view.statusText().contains(QStringLiteral("not undone")));
    QCOMPARE(view.shownText(), QByteArray("not gzip at all"));
}

void TstBodyView::image()
{
    const QByteArray picture = pngFile(7, 5, Qt::red);
    QVERIFY(!picture.isEmpty());
    BodyView view;
    QVERIFY(showBody(view, picture, "image/png"));
    QCOMPARE(view.mode(), BodyView::Image);
    QVERIFY(view.statusText().contains(QStringLiteral("7 × 5")));
}

void TstBodyView::binaryAsHex()
{
    BodyView view;
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    QVERIFY(showBody(view, bytes, "application/octet-stream"));
    QCOMPARE(view.mode(), BodyView::Hex);
    QCOMPARE(view.hexView()->data(), bytes);
}

void TstBodyView::charset()
{
    BodyView view;
    QVERIFY(showBody(view, QByteArray("caf\xe9", 4), "text/plain; charset=ISO-8859-1"));
    QCOMPARE(view.mode(), BodyView::Text);
    QCOMPARE(QString::fromUtf8(view.shownText()), QStringLiteral("café"));
}

void TstBodyView::newBodyCancelsTheOld()
{
    QByteArray big = "[";
    for (int i = 0; i < 400000; ++i)
        big += R"({"i":)" + QByteArray::number(i) + "},";
    big.chop(1);
    big += "]";
    BodyView view;
    QSignalSpy ready(&view, &BodyView::ready);
    view.setBody(big, "application/json", {});
    view.setBody("{\"small\":1}", "application/json", {}); // selecting another request
    QTRY_VERIFY(!view.isBusy());
    QCOMPARE(view.shownText(), QByteArray("{\n  \"small\": 1\n}"));
    // Once the worker is through with the big body too, and what it posted is delivered, the
    // old result has had every chance to land: it must not have.
    QVERIFY(view.waitForWorker(30000));
    QCoreApplication::sendPostedEvents(&view, QEvent::MetaCall);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(view.shownText(), QByteArray("{\n  \"small\": 1\n}")); // the old result never lands
}

void TstBodyView::largeJsonFirstScreenAtOnce()
{
    if (!qEnvironmentVariableIsSet("HOOKSCOPE_BENCHMARKS"))
        QSKIP("a benchmark: run with HOOKSCOPE_BENCHMARKS=1 (Release build) to time a 25 MB JSON body");
    QByteArray big = "{\"items\":[";
    for (int i = 0; big.size() < 25 * 1000 * 1000; ++i)
        big += R"({"id":)" + QByteArray::number(i) + R"(,"name":"item number )" + QByteArray::number(i) +
               R"(","price":12.50,"tags":["a","b"],"ok":true},)";
    big.chop(1);
    big += "]}";
    BodyView view;
    view.resize(1200, 800);
    QElapsedTimer timer;
    timer.start();
    QSignalSpy ready(&view, &BodyView::ready);
    view.setBody(big, "application/json", {});
    const qint64 firstScreen = timer.elapsed();
    QVERIFY(view.codeView()->lineCount() >= 50);
    QVERIFY(ready.wait(30000));
    const qint64 formatted = timer.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(!view.codeView()->isIndexing(), 30000);
    qInfo("25 MB JSON: first screen of pretty text after %lld ms, all of it formatted after %lld ms (%.0f MB/s), "
          "%lld lines indexed after %lld ms",
          firstScreen, formatted, double(big.size()) / 1e3 / double(qMax<qint64>(1, formatted)),
          view.codeView()->lineCount(), timer.elapsed());
}

QTEST_MAIN(TstBodyView)
#include "tst_bodyview.moc"
