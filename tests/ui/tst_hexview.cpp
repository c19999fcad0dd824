// The hex view headless: the rows a user reads, scrolling a 100 MB body (past INT_MAX pixels when
// the scroll bar is spread out), selecting and copying from either column, and the paint cost.

#include "views/hexview.h"
#include "views/rowscrollarea.h"
#include "views/viewtheme.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QImage>
#include <QMimeData>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

#include <cstring>
#include <memory>

#include <sys/mman.h>

namespace {

// Lets tests spread the scroll bar out without allocating tens of gigabytes.
class SpreadHexView : public Gui::HexView
{
public:
    using Gui::HexView::setScrollBarLimit;
};

struct Shown
{
    std::unique_ptr<SpreadHexView> view = std::make_unique<SpreadHexView>();
    explicit Shown(const QByteArray &data = {}, QSize size = {700, 400})
    {
        view->resize(size);
        view->show();
        view->setFocus();
        view->setData(data);
    }
    SpreadHexView *operator->() const { return view.get(); }
    SpreadHexView &operator*() const { return *view; }
};

QImage render(Gui::HexView &view)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32);
    view.viewport()->render(&image);
    return image;
}

QColor cornerPixel(const QImage &image, const QRectF &cell)
{
    return image.pixelColor((cell.topLeft() + QPointF(1, 1)).toPoint());
}

void mouse(QWidget *w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                      buttons, {});
    QApplication::sendEvent(w, &event);
}

void drag(QWidget *w, QPointF from, QPointF to)
{
    mouse(w, QEvent::MouseButtonPress, from, Qt::LeftButton);
    mouse(w, QEvent::MouseMove, to, Qt::LeftButton);
    mouse(w, QEvent::MouseButtonRelease, to, Qt::NoButton);
}

QByteArray sample(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char(i * 7 + (i >> 8));
    return data;
}

const qsizetype hundredMegabytes = 100 * 1024 * 1024;

// Memory of which only both ends are readable; touching the middle is a crash.
struct GuardedBuffer
{
    char *data = nullptr;
    std::size_t size;
    GuardedBuffer(qsizetype bytes, qsizetype readableEnds)
        : size(std::size_t(bytes))
    {
        void *map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        data = static_cast<char *>(map);
        std::memcpy(data, "POST /hooks HTTP/1.1", 20);
        data[size - 1] = '}';
        QVERIFY(mprotect(data + readableEnds, size - 2 * std::size_t(readableEnds), PROT_NONE) == 0);
    }
    ~GuardedBuffer() { munmap(data, size); }
};

} // namespace

class TestHexView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsShowOffsetHexAndText();
    void hundredMegabytesShowAtOnce();
    void scrollMappingKeepsTheEnds();
    void scrollBarSpreadOverHugeRowCounts();
    void scrollToOffsetAndHighlight();
    void mouseSelectionCopiesPerColumn();
    void keyboardSelectionAndNavigation();
    void selectAllCopiesRawBytes();
    void findSelectsAndWraps();
    void emptyDataIsHarmless();
    void followsDarkPalette();
    void leavesCtrlFToTheWindow();
    void benchmarkScrolling();

private:
    QByteArray m_big;
};

void TestHexView::initTestCase()
{
    m_big = QByteArray(hundredMegabytes, 'A');
    m_big.replace(0, 11, "POST /hooks");
    m_big[hundredMegabytes - 1] = '\n';
}

void TestHexView::rowsShowOffsetHexAndText()
{
    QByteArray data("Hello, world!\x00\xff\x7f", 16);
    data += "abc";
    Shown view(data);
    QCOMPARE(view->rowCount(), 2);
    QCOMPARE(view->rowText(0),
             QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 00 ff 7f  Hello, world!..."));
    QCOMPARE(view->rowText(1),
             QStringLiteral("00000010  61 62 63") + QString(48 - 8, QLatin1Char(' ')) + QStringLiteral("  abc"));
    QCOMPARE(view->rowText(2), QString());
    // Past 4 GiB offsets would need more digits; below, always eight.
    QCOMPARE(view->rowText(0).indexOf(QLatin1Char(' ')), 8);
}

void TestHexView::hundredMegabytesShowAtOnce()
{
    // 100 MB of which only the first and last 64 KiB may be read: any pass over the bytes on the
    // GUI thread (a copy, a scan, painting rows that are not visible) crashes this test.
    const GuardedBuffer guarded(hundredMegabytes, 64 * 1024);
    const QByteArray data = QByteArray::fromRawData(guarded.data, hundredMegabytes);
    Shown view;
    view->setData(data);
    QCOMPARE(view->data().constData(), guarded.data); // shared, not copied
    QCOMPARE(view->rowCount(), hundredMegabytes / 16);
    render(*view);
    QVERIFY(view->rowText(0).endsWith(QStringLiteral("POST /hooks HTTP")));
    // The bar counts rows: the last row is one step from the end, not 6.5 million pixel-rows.
    QCOMPARE(view->verticalScrollBar()->maximum(), view->rowCount() - view->pageRows());

    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    QCOMPARE(view->firstVisibleRow() + view->pageRows(), view->rowCount());
    render(*view);
    QVERIFY(view->rowText(view->rowCount() - 1).startsWith(QStringLiteral("063ffff0")));
    QVERIFY(view->rowText(view->rowCount() - 1).endsWith(QStringLiteral("...............}")));
    QTest::keyClick(&*view, Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(&*view, Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view->selectionLength(), hundredMegabytes);
    render(*view);
    view.view.reset(); // before the buffer goes
}

void TestHexView::scrollMappingKeepsTheEnds()
{
    using namespace Gui::ScrollMapping;
    const qint64 rows = 40'000'000'000; // a 640 GB buffer: far past INT_MAX rows
    const int limit = 1 << 30;
    QCOMPARE(valueForRow(0, rows, limit), 0);
    QCOMPARE(valueForRow(rows, rows, limit), limit);
    QCOMPARE(rowForValue(0, rows, limit), 0);
    QCOMPARE(rowForValue(limit, rows, limit), rows);
    int previous = -1;
    for (qint64 row = 0; row <= rows; row += rows / 97) {
        const int value = valueForRow(row, rows, limit);
        QVERIFY(value >= previous);
        previous = value;
        QVERIFY(std::abs(rowForValue(value, rows, limit) - row) <= rows / limit + 1);
    }
    // Small counts map one to one.
    QCOMPARE(valueForRow(12345, 100000, limit), 12345);
    QCOMPARE(rowForValue(12345, 100000, limit), 12345);
}

void TestHexView::scrollBarSpreadOverHugeRowCounts()
{
    Shown view(m_big);
    view->setScrollBarLimit(1000); // as if the buffer had far more rows than a scroll bar can count
    QScrollBar *bar = view->verticalScrollBar();
    const qint64 maxTop = view->rowCount() - view->pageRows();
    QCOMPARE(bar->maximum(), 1000);

    bar->setValue(500);
    QVERIFY(std::abs(view->firstVisibleRow() - maxTop / 2) <= maxTop / 1000);
    bar->setValue(1000);
    QCOMPARE(view->firstVisibleRow(), maxTop);

    // Going to an offset is exact even though the bar is coarse.
    view->goToOffset(0x123456);
    QCOMPARE(view->firstVisibleRow(), 0x12345 - 3);
    QCOMPARE(view->cursorPosition(), 0x123456);
    QCOMPARE(bar->value(), qRound(double(0x12345 - 3) / maxTop * 1000));
    QVERIFY(!view->byteRect(0x123456, Gui::HexView::Column::Hex).isEmpty());

    // Keys and the wheel move by rows, not by bar steps.
    QTest::keyClick(&*view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(view->firstVisibleRow(), 0x12345 - 2);
    const QPointF inside(50, 50);
    QWheelEvent wheel(inside, view->viewport()->mapToGlobal(inside), {}, {0, -120}, Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QCOMPARE(view->firstVisibleRow(), 0x12345 - 2 + QApplication::wheelScrollLines());
    view->goToOffset(m_big.size() - 1);
    QCOMPARE(bar->value(), 1000);
    QCOMPARE(view->firstVisibleRow(), maxTop);
}

void TestHexView::scrollToOffsetAndHighlight()
{
    Shown view(sample(64 * 1024));
    view->scrollToOffset(0x4321);
    QCOMPARE(view->firstVisibleRow(), 0x432 - 3);
    QCOMPARE(view->cursorPosition(), 0); // scrolling alone leaves the caret
    view->scrollToOffset(0x4341);        // visible already
    QCOMPARE(view->firstVisibleRow(), 0x432 - 3);

    view->setHighlightRange(0x4321, 3);
    const QImage image = render(*view);
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());
    using Column = Gui::HexView::Column;
    for (qint64 offset : {0x4321, 0x4323}) {
        QCOMPARE(cornerPixel(image, view->byteRect(offset, Column::Hex)), theme.highlightRange);
        QCOMPARE(cornerPixel(image, view->byteRect(offset, Column::Text)), theme.highlightRange);
    }
    QCOMPARE(cornerPixel(image, view->byteRect(0x4324, Column::Hex)), theme.base);
    QCOMPARE(cornerPixel(image, view->byteRect(0x4320, Column::Text)), theme.base);
}

void TestHexView::mouseSelectionCopiesPerColumn()
{
    const QByteArray data = "{\"event\":\"ping\", \"ok\": true}\n\x01\x02";
    Shown view(data);
    using Column = Gui::HexView::Column;
    const auto at = [&](qint64 offset, Column column) { return view->byteRect(offset, column).center(); };

    drag(view->viewport(), at(2, Column::Hex), at(6, Column::Hex));
    QCOMPARE(view->activeColumn(), Column::Hex);
    QCOMPARE(view->selectedBytes(), QByteArray("event"));
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("65 76 65 6e 74"));

    // Backwards, in the text column and across rows: both end bytes are in.
    drag(view->viewport(), at(20, Column::Text), at(10, Column::Text));
    QCOMPARE(view->activeColumn(), Column::Text);
    QCOMPARE(view->selectedBytes(), data.mid(10, 11));
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(data.mid(10, 11)));
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")),
             data.mid(10, 11));

    // A click without moving puts the caret on the byte and selects nothing.
    mouse(view->viewport(), QEvent::MouseButtonPress, at(5, Column::Hex), Qt::LeftButton);
    mouse(view->viewport(), QEvent::MouseButtonRelease, at(5, Column::Hex), Qt::NoButton);
    QCOMPARE(view->cursorPosition(), 5);
    QCOMPARE(view->selectionLength(), 0);
    // Rendering the selection paints it in both columns.
    view->select(2, 3);
    const QImage image = render(*view);
    const QColor selection = Gui::ViewTheme::fromPalette(view->palette()).selection;
    QCOMPARE(cornerPixel(image, view->byteRect(3, Column::Hex)), selection);
    QCOMPARE(cornerPixel(image, view->byteRect(3, Column::Text)), selection);
}

void TestHexView::keyboardSelectionAndNavigation()
{
    const QByteArray data = sample(16 * 1000);
    Shown view(data);
    const int page = view->pageRows();
    view->goToOffset(0x20);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(&*view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(view->selectionStart(), 0x20);
    QCOMPARE(view->selectionLength(), 3);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(data.mid(0x20, 3).toHex(' ')));

    QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->cursorPosition(), 0x33);
    QCOMPARE(view->selectionLength(), 0);
    QTest::keyClick(&*view, Qt::Key_End);
    QCOMPARE(view->cursorPosition(), 0x3f);
    QTest::keyClick(&*view, Qt::Key_Home);
    QCOMPARE(view->cursorPosition(), 0x30);
    QTest::keyClick(&*view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(view->selectionStart(), 0x30);
    QCOMPARE(view->selectionLength(), 16); // Shift+End takes the row's last byte in

    view->goToOffset(0);
    QTest::keyClick(&*view, Qt::Key_PageDown);
    QCOMPARE(view->cursorPosition(), 16 * page);
    QCOMPARE(view->firstVisibleRow(), page);
    for (int i = 0; i < page + 2; ++i)
        QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->firstVisibleRow(), page + 3); // the caret row scrolled in at the bottom
    QTest::keyClick(&*view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view->cursorPosition(), data.size() - 1);
    QCOMPARE(view->firstVisibleRow(), view->rowCount() - page);
    QTest::keyClick(&*view, Qt::Key_Down); // no row below
    QCOMPARE(view->cursorPosition(), data.size() - 1);
    QTest::keyClick(&*view, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view->selectionLength(), data.size() - 1);
    QCOMPARE(view->firstVisibleRow(), 0);
}

void TestHexView::selectAllCopiesRawBytes()
{
    const QByteArray data = QStringLiteral("name=Zoë&city=東京").toUtf8() + QByteArray("\x00\xfe", 2);
    Shown view(data);
    view->setActiveColumn(Gui::HexView::Column::Text);
    QTest::keyClick(&*view, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(mime->text(), QString::fromUtf8(data));
    QVERIFY(mime->text().startsWith(QStringLiteral("name=Zoë&city=東京")));
    QCOMPARE(mime->data(QStringLiteral("application/octet-stream")), data);

    view->setActiveColumn(Gui::HexView::Column::Hex);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(data.toHex(' ')));
}

void TestHexView::findSelectsAndWraps()
{
    QByteArray data = sample(4096);
    data.replace(100, 3, "\xde\xad\xbe");
    data.replace(3000, 3, "\xde\xad\xbe");
    Shown view(data);
    QSignalSpy results(&*view, &Gui::HexView::findResult);
    const QByteArray needle("\xde\xad\xbe");
    const qint64 first = data.indexOf(needle);
    view->find(needle);
    QCOMPARE(results.takeFirst(), (QList<QVariant>{first, false}));
    QCOMPARE(view->selectedBytes(), needle);
    view->find(needle);
    QCOMPARE(results.takeFirst(), (QList<QVariant>{data.indexOf(needle, first + 1), false}));
    view->find(needle);
    QCOMPARE(results.takeFirst(), (QList<QVariant>{first, true}));
    view->find(needle, false);
    QCOMPARE(results.takeFirst(), (QList<QVariant>{3000, true}));
    view->find(needle, false);
    QCOMPARE(results.takeFirst(), (QList<QVariant>{100, false}));

    // A large buffer is searched on a pool thread; the hit scrolls into view.
    QByteArray big = m_big;
    big.replace(90 * 1024 * 1024, 6, "needle");
    view->setData(big);
    view->find("needle");
    QVERIFY(view->isSearching());
    QVERIFY(results.wait(10000));
    QCOMPARE(results.takeFirst(), (QList<QVariant>{90 * 1024 * 1024, false}));
    QCOMPARE(view->firstVisibleRow(), 90 * 1024 * 1024 / 16 - 3);
    view->find("not there");
    QVERIFY(results.wait(10000));
    QCOMPARE(results.takeFirst(), (QList<QVariant>{-1, false}));

    // A view destroyed mid-search takes its result with it.
    auto doomed = std::make_unique<Gui::HexView>();
    doomed->setData(big);
    doomed->find("zzz");
    doomed.reset();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
}

void TestHexView::emptyDataIsHarmless()
{
    Shown view;
    QCOMPARE(view->rowCount(), 0);
    render(*view);
    QTest::keyClick(&*view, Qt::Key_Down);
    QTest::keyClick(&*view, Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    drag(view->viewport(), {10, 10}, {200, 50});
    view->goToOffset(100);
    QCOMPARE(view->cursorPosition(), 0);
    QCOMPARE(view->selectionLength(), 0);
}

void TestHexView::followsDarkPalette()
{
    Shown view(sample(256));
    QPalette dark = view->palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    view->setPalette(dark);
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());
    QVERIFY(theme.dark);
    const QImage image = render(*view);
    QCOMPARE(image.pixelColor(image.width() - 2, image.height() - 2), QColor(0x1e, 0x1e, 0x1e));
    QCOMPARE(image.pixelColor(1, image.height() - 2), theme.gutter);
    QVERIFY(theme.gutter.lightnessF() < 0.5);
}

void TestHexView::leavesCtrlFToTheWindow()
{
    Shown view(sample(64));
    QKeyEvent override(QEvent::ShortcutOverride, Qt::Key_F, Qt::ControlModifier);
    QApplication::sendEvent(&*view, &override);
    QVERIFY(!override.isAccepted());
    QKeyEvent press(QEvent::KeyPress, Qt::Key_F, Qt::ControlModifier);
    QApplication::sendEvent(&*view, &press);
    QVERIFY(!press.isAccepted());
}

void TestHexView::benchmarkScrolling()
{
    if (qEnvironmentVariableIntValue("HOOKSCOPE_BENCHMARKS") != 1)
        QSKIP("set HOOKSCOPE_BENCHMARKS=1 to measure paint times");
    QByteArray data(hundredMegabytes, Qt::Uninitialized);
    QRandomGenerator rng(42);
    rng.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    Shown view(data, {1200, 800});
    view->find(data.mid(5000, 2)); // its hits are highlighted on every screen (about 3 a screen)
    QTRY_VERIFY(!view->isSearching());

    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QList<double> jumps; // to a random scroll bar position
    QList<double> pages; // Page Down
    QElapsedTimer timer;
    for (int frame = 0; frame < 200; ++frame) {
        timer.start();
        if (frame % 2 == 0)
            view->verticalScrollBar()->setValue(int(rng.bounded(view->verticalScrollBar()->maximum() + 1)));
        else
            QTest::keyClick(&*view, Qt::Key_PageDown);
        view->viewport()->render(&image);
        (frame % 2 == 0 ? jumps : pages).append(timer.nsecsElapsed() / 1e6);
    }
    const auto summary = [](QList<double> ms) {
        std::sort(ms.begin(), ms.end());
        double sum = 0;
        for (double v : ms)
            sum += v;
        return QString::asprintf("mean %.2f ms, p95 %.2f ms, worst %.2f ms", sum / ms.size(),
                                 ms.at(ms.size() * 95 / 100), ms.last());
    };
    qInfo("HexView 100 MB random bytes, find hits, 1200x800: 200 frames: %s (target < 16 ms)",
          qPrintable(summary(jumps + pages)));
    qInfo("    jumps: %s; page steps: %s", qPrintable(summary(jumps)), qPrintable(summary(pages)));
}

QTEST_MAIN(TestHexView)
#include "tst_hexview.moc"
