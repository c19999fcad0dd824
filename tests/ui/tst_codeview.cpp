// The code view headless: what a user sees after scrolling, selecting, copying and finding, the
// colours that reach the screen, and that huge texts are indexed off the GUI thread.

#include "views/codeview.h"
#include "views/lineindex.h"
#include "views/viewtheme.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace {

// A small JSON colouring, as the payload code would plug in: keys, strings, numbers, literals.
void highlightJson(qsizetype, QByteArrayView line, QList<Gui::Span> &spans)
{
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = line[i];
        qsizetype j = i + 1;
        if (c == '"') {
            while (j < n && line[j] != '"')
                j += line[j] == '\\' ? 2 : 1;
            j = std::min(j + 1, n);
            qsizetype k = j;
            while (k < n && line[k] == ' ')
                ++k;
            spans.append({i, j - i, k < n && line[k] == ':' ? Gui::SpanRole::Key : Gui::SpanRole::String});
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            while (j < n && (std::isdigit(static_cast<unsigned char>(line[j])) || line[j] == '.' || line[j] == 'e'))
                ++j;
            spans.append({i, j - i, Gui::SpanRole::Number});
        } else if (c >= 'a' && c <= 'z') {
            while (j < n && line[j] >= 'a' && line[j] <= 'z')
                ++j;
            spans.append({i, j - i, Gui::SpanRole::Literal});
        } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') {
            spans.append({i, 1, Gui::SpanRole::Punctuation});
        }
        i = j;
    }
}

// About `megabytes` MB of pretty-printed JSON: an array of webhook-like events.
QByteArray prettyJson(int megabytes)
{
    QByteArray out = "[\n";
    out.reserve(qsizetype(megabytes) * 1024 * 1024 + 4096);
    for (int i = 0; out.size() < qsizetype(megabytes) * 1024 * 1024; ++i) {
        out += "  {\n    \"id\": \"evt_" + QByteArray::number(i) +
               "\",\n    \"type\": \"invoice.paid\",\n"
               "    \"amount\": " +
               QByteArray::number(i * 37 % 100000) +
               ",\n    \"livemode\": false,\n"
               "    \"data\": {\n      \"customer\": \"cus_" +
               QByteArray::number(i * 7919) +
               "\",\n"
               "      \"note\": null\n    }\n  },\n";
    }
    out += "  {}\n]\n";
    return out;
}

QByteArray numberedLines(int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "line " + QByteArray::number(i) + '\n';
    return out;
}

struct Shown
{
    std::unique_ptr<Gui::CodeView> view = std::make_unique<Gui::CodeView>();
    explicit Shown(const QByteArray &text = {}, QSize size = {640, 400})
    {
        view->resize(size);
        view->show();
        view->setFocus();
        view->setText(text);
    }
    Gui::CodeView *operator->() const { return view.get(); }
    Gui::CodeView &operator*() const { return *view; }
};

QImage render(Gui::CodeView &view)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32);
    view.viewport()->render(&image);
    return image;
}

QColor pixel(const QImage &image, QPointF at)
{
    return image.pixelColor(at.toPoint());
}

// Pixels in `rect` drawn in a colour close to `color` (text is anti-aliased, so not exact).
int pixelsNear(const QImage &image, const QRectF &rect, const QColor &color)
{
    int count = 0;
    for (int y = int(rect.top()); y < int(rect.bottom()); ++y) {
        for (int x = int(rect.left()); x < int(rect.right()); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                60)
                ++count;
        }
    }
    return count;
}

void mouse(QWidget *w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = {})
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                      buttons, mods);
    QApplication::sendEvent(w, &event);
}

void drag(QWidget *w, QPointF from, QPointF to)
{
    mouse(w, QEvent::MouseButtonPress, from, Qt::LeftButton);
    mouse(w, QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    mouse(w, QEvent::MouseMove, to, Qt::LeftButton);
    mouse(w, QEvent::MouseButtonRelease, to, Qt::NoButton);
}

QString clipboardText()
{
    return QGuiApplication::clipboard()->text();
}

// Lets every pool job finish and delivers whatever it posted.
void settle()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
}

} // namespace

class TestCodeView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineIndexMatchesNaiveScan();
    void linesAndBreaks();
    void scrollToOffsetShowsLineWithContext();
    void highlightRangeIsPainted();
    void keyboardSelectionCopiesBytes();
    void mouseSelectionCopiesBytes();
    void selectAllCopiesUtf8();
    void keyboardNavigation();
    void arrowsStepOverUtf8Characters();
    void highlighterSpansArePainted();
    void findSelectsAndWraps();
    void findHighlightsVisibleMatches();
    void longLinesAreCut();
    void largeTextIndexesInBackground();
    void newerTextWinsOverOlderIndexing();
    void destroyWhileIndexing();
    void followsDarkPalette();
    void leavesCtrlFToTheWindow();
    void benchmarkScrolling();
};

void TestCodeView::lineIndexMatchesNaiveScan()
{
    // Many short lines (marks every 256 lines), some lines past 64 KiB (a mark after each), CRLF.
    QRandomGenerator rng(7);
    QByteArray text;
    for (int i = 0; i < 3000; ++i) {
        const int kind = rng.bounded(100);
        const int length = kind < 2 ? 70000 + rng.bounded(50000) : kind < 30 ? 0 : rng.bounded(60);
        text += QByteArray(length, char('a' + i % 26));
        text += kind % 3 == 0 ? "\r\n" : "\n";
    }
    text += "tail";
    QList<qint64> starts{0};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            starts.append(i + 1);
    }
    const auto end = [&](qsizetype line) { return line + 1 < starts.size() ? starts[line + 1] - 1 : text.size(); };

    const Gui::LineIndex index = Gui::LineIndex::build(text);
    QVERIFY(index.isComplete());
    QCOMPARE(index.lineCount(), starts.size());
    std::vector<Gui::LineIndex::Range> ranges;
    index.ranges(text, 0, index.lineCount(), ranges);
    QCOMPARE(qsizetype(ranges.size()), starts.size());
    for (qsizetype line = 0; line < starts.size(); ++line) {
        QCOMPARE(ranges[line].start, starts[line]);
        QCOMPARE(ranges[line].end, end(line));
    }
    for (int probe = 0; probe < 2000; ++probe) {
        const qsizetype line = rng.bounded(int(starts.size()));
        QCOMPARE(index.range(text, line).start, starts[line]);
        const qint64 offset = starts[line] + rng.bounded(int(end(line) - starts[line] + 1));
        QCOMPARE(index.lineOf(text, offset), line);
    }

    // A prefix: the lines it knows are right, the last one ends where the scan stopped.
    const Gui::LineIndex prefix = Gui::LineIndex::build(text, 100000);
    QVERIFY(!prefix.isComplete());
    const qsizetype known = std::upper_bound(starts.begin(), starts.end(), 100000) - starts.begin();
    QCOMPARE(prefix.lineCount(), known);
    QCOMPARE(prefix.range(text, known - 1).end, 100000);
    QCOMPARE(prefix.lineOf(text, 100001), -1);
}

void TestCodeView::linesAndBreaks()
{
    Shown view("{\r\n\t\"a\": 1\n}\n");
    QCOMPARE(view->lineCount(), 4); // the text ends with a line feed: an empty last line
    QVERIFY(!view->isIndexing());
    QCOMPARE(view->lineText(0), QStringLiteral("{")); // the CR is not shown
    QCOMPARE(view->lineText(1), QStringLiteral("    \"a\": 1"));
    QCOMPARE(view->lineText(3), QString());
    QCOMPARE(view->lineOfOffset(3), 1);

    view->setText({});
    QCOMPARE(view->lineCount(), 1);
    QCOMPARE(view->lineText(0), QString());
    QCOMPARE(view->lineText(1), QString());
    render(*view); // nothing to paint must not crash
}

void TestCodeView::scrollToOffsetShowsLineWithContext()
{
    const QByteArray text = numberedLines(10000);
    Shown view(text);
    const qint64 offset = text.indexOf("line 5000\n") + 5;
    view->scrollToOffset(offset);
    QCOMPARE(view->firstVisibleLine(), 5000 - 3);
    QVERIFY(!view->offsetRect(offset).isEmpty());

    // Already visible: nothing moves.
    view->scrollToOffset(text.indexOf("line 5001\n"));
    QCOMPARE(view->firstVisibleLine(), 5000 - 3);

    // Near the end the last page stays full.
    view->scrollToOffset(text.size() - 2);
    QCOMPARE(view->firstVisibleLine(), view->lineCount() - view->pageRows());
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());

    view->scrollToOffset(0);
    QCOMPARE(view->firstVisibleLine(), 0);
}

void TestCodeView::highlightRangeIsPainted()
{
    const QByteArray text = numberedLines(2000);
    Shown view(text);
    const qint64 offset = text.indexOf("line 1500\n") + 5;
    view->setHighlightRange(offset, 4);
    view->scrollToOffset(offset);
    const QImage image = render(*view);
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());
    const QRectF cell = view->offsetRect(offset);
    QVERIFY(!cell.isEmpty());
    QCOMPARE(pixel(image, cell.topLeft() + QPointF(1, 1)), theme.highlightRange);
    QCOMPARE(pixel(image, view->offsetRect(offset + 3).topLeft() + QPointF(1, 1)), theme.highlightRange);
    QCOMPARE(pixel(image, view->offsetRect(offset - 2).topLeft() + QPointF(1, 1)), theme.base);

    // At twice the pixels (a high-DPI screen) the same cells are marked.
    QImage sharp(view->viewport()->size() * 2, QImage::Format_ARGB32);
    sharp.setDevicePixelRatio(2);
    view->viewport()->render(&sharp);
    QCOMPARE(sharp.pixelColor((cell.topLeft() * 2 + QPointF(2, 2)).toPoint()), theme.highlightRange);
    QCOMPARE(sharp.pixelColor((view->offsetRect(offset - 2).topLeft() * 2 + QPointF(2, 2)).toPoint()), theme.base);

    // An error at the very end of the text still shows one cell.
    view->setHighlightRange(text.size(), 0);
    view->scrollToOffset(text.size());
    const QRectF end = view->offsetRect(text.size());
    QVERIFY(!end.isEmpty());
    QCOMPARE(pixel(render(*view), end.center()), theme.highlightRange);
}

void TestCodeView::keyboardSelectionCopiesBytes()
{
    Shown view("first line\r\nsecond line\r\nthird");
    view->setCursorPosition(6);
    QTest::keyClick(&*view, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QStringLiteral("line\r\nsecond"));
    QTest::keyClick(&*view, Qt::Key_End, Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QStringLiteral("line\r\nsecond line"));
    QTest::keyClick(&*view, Qt::Key_Right, Qt::ShiftModifier); // over CR LF in one step
    QTest::keyClick(&*view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QStringLiteral("line\r\nsecond line\r\nt"));
    // Moving without Shift drops the selection.
    QTest::keyClick(&*view, Qt::Key_Left);
    QCOMPARE(view->selectionLength(), 0);
}

void TestCodeView::mouseSelectionCopiesBytes()
{
    const QByteArray text = "{\"event\": \"charge.succeeded\", \"amount\": 4200}\n{\"event\": \"refund\"}\n";
    Shown view(text);
    const qint64 from = text.indexOf("charge");
    const qint64 to = text.indexOf("refund") + 3;
    drag(view->viewport(), view->offsetRect(from).topLeft() + QPointF(1, 2),
         view->offsetRect(to).topLeft() + QPointF(1, 2));
    QCOMPARE(view->selectedBytes(), text.mid(from, to - from));
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QString::fromUtf8(text.mid(from, to - from)));

    // Dragging backwards selects the same way.
    drag(view->viewport(), view->offsetRect(to).topLeft() + QPointF(1, 2),
         view->offsetRect(from).topLeft() + QPointF(1, 2));
    QCOMPARE(view->selectionStart(), from);
    QCOMPARE(view->selectionLength(), to - from);

    // A double click selects a word; a click on a line number the whole line.
    const QPointF word = view->offsetRect(text.indexOf("amount") + 2).center();
    mouse(view->viewport(), QEvent::MouseButtonDblClick, word, Qt::LeftButton);
    mouse(view->viewport(), QEvent::MouseButtonRelease, word, Qt::NoButton);
    QCOMPARE(view->selectedBytes(), QByteArray("amount"));
    const QPointF number(4, view->offsetRect(text.indexOf("refund")).center().y());
    mouse(view->viewport(), QEvent::MouseButtonPress, number, Qt::LeftButton);
    mouse(view->viewport(), QEvent::MouseButtonRelease, number, Qt::NoButton);
    QCOMPARE(view->selectedBytes(), QByteArray("{\"event\": \"refund\"}\n"));
}

void TestCodeView::selectAllCopiesUtf8()
{
    const QString text = QStringLiteral("{\"name\": \"Zoë\", \"city\": \"東京\", \"mood\": \"😀\"}");
    Shown view(text.toUtf8());
    QTest::keyClick(&*view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view->selectionLength(), text.toUtf8().size());
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), text);
}

void TestCodeView::keyboardNavigation()
{
    const QByteArray text = numberedLines(1000);
    Shown view(text);
    const int page = view->pageRows();
    QVERIFY(page > 5);
    const auto lineStart = [&](int line) {
        return qint64(text.indexOf(QByteArray("line " + QByteArray::number(line) + '\n')));
    };

    for (int i = 0; i < 3; ++i)
        QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->cursorPosition(), lineStart(3));
    QTest::keyClick(&*view, Qt::Key_End);
    QCOMPARE(view->cursorPosition(), lineStart(4) - 1);
    QTest::keyClick(&*view, Qt::Key_Home);
    QCOMPARE(view->cursorPosition(), lineStart(3));

    // The caret going below the last visible line scrolls by one line.
    for (int i = 3; i < page; ++i)
        QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->firstVisibleLine(), 1);

    QTest::keyClick(&*view, Qt::Key_PageDown);
    QCOMPARE(view->cursorPosition(), lineStart(2 * page));
    QCOMPARE(view->firstVisibleLine(), 1 + page);
    QTest::keyClick(&*view, Qt::Key_PageUp);
    QCOMPARE(view->cursorPosition(), lineStart(page));
    QCOMPARE(view->firstVisibleLine(), 1);

    QTest::keyClick(&*view, Qt::Key_Down, Qt::ControlModifier); // scrolls, the caret stays
    QCOMPARE(view->firstVisibleLine(), 2);
    QCOMPARE(view->cursorPosition(), lineStart(page));

    QTest::keyClick(&*view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view->cursorPosition(), text.size());
    QCOMPARE(view->firstVisibleLine(), view->lineCount() - page);
    QTest::keyClick(&*view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(view->cursorPosition(), 0);
    QCOMPARE(view->firstVisibleLine(), 0);

    // Up and down keep the column across shorter lines.
    view->setText("abcdefgh\nab\nabcdefgh\n");
    view->setCursorPosition(6);
    QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->cursorPosition(), 11); // end of "ab"
    QTest::keyClick(&*view, Qt::Key_Down);
    QCOMPARE(view->cursorPosition(), 12 + 6);
}

void TestCodeView::arrowsStepOverUtf8Characters()
{
    const QByteArray text = QStringLiteral("aé€😀b").toUtf8();
    Shown view(text);
    QCOMPARE(view->lineText(0), QStringLiteral("aé€😀b"));
    QList<qint64> positions;
    for (int i = 0; i < 5; ++i) {
        QTest::keyClick(&*view, Qt::Key_Right);
        positions.append(view->cursorPosition());
    }
    QCOMPARE(positions, (QList<qint64>{1, 3, 6, 10, 11}));
    QTest::keyClick(&*view, Qt::Key_Left);
    QTest::keyClick(&*view, Qt::Key_Left, Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText(), QStringLiteral("😀"));

    // Control characters and invisible formatting (here a right-to-left override) show as dots.
    view->setText(QStringLiteral("a\u0001b\u202Ec\u00A0d").toUtf8());
    QCOMPARE(view->lineText(0), QStringLiteral("a\u00B7b\u00B7c\u00A0d"));

    // Invalid UTF-8 shows one replacement cell per byte and is stepped over byte by byte.
    view->setText(QByteArray("x\xff\xc3y", 4));
    QCOMPARE(view->lineText(0), QStringLiteral("x\uFFFD\uFFFDy"));
    QTest::keyClick(&*view, Qt::Key_Right);
    QTest::keyClick(&*view, Qt::Key_Right);
    QCOMPARE(view->cursorPosition(), 2);
}

void TestCodeView::highlighterSpansArePainted()
{
    const QByteArray text = "{\n  \"customer\": \"cus_42\",\n  \"paid\": true\n}\n";
    Shown view(text);
    QList<qsizetype> starts;
    view->setHighlighter([&starts](qsizetype lineStart, QByteArrayView line, QList<Gui::Span> &spans) {
        starts.append(lineStart);
        highlightJson(lineStart, line, spans);
        if (line.contains("true"))
            spans.append({line.indexOf("true"), 4, Gui::SpanRole::Error});
    });
    const QList<Gui::Span> spans = view->lineSpans(1);
    QCOMPARE(spans.size(), 4);
    QCOMPARE(spans.at(0), (Gui::Span{2, 10, Gui::SpanRole::Key}));
    QCOMPARE(spans.at(2), (Gui::Span{14, 8, Gui::SpanRole::String}));

    starts.clear();
    const QImage image = render(*view);
    QCOMPARE(starts, (QList<qsizetype>{0, 2, 26, 41, 43})); // every visible line, with its offset
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());

    // The key is drawn in the key colour, the plain text before it is not.
    const qint64 key = text.indexOf("customer");
    const QRectF keyRect = view->offsetRect(key).united(view->offsetRect(key + 7));
    QVERIFY(pixelsNear(image, keyRect, theme.colorFor(Gui::SpanRole::Key)) > 3);
    QCOMPARE(pixelsNear(image, keyRect, theme.colorFor(Gui::SpanRole::String)), 0);
    const qint64 value = text.indexOf("cus_42");
    const QRectF valueRect = view->offsetRect(value).united(view->offsetRect(value + 5));
    QVERIFY(pixelsNear(image, valueRect, theme.colorFor(Gui::SpanRole::String)) > 3);
    QCOMPARE(pixelsNear(image, valueRect, theme.colorFor(Gui::SpanRole::Key)), 0);
    // Error spans also get their background.
    QCOMPARE(pixel(image, view->offsetRect(text.indexOf("true")).topLeft() + QPointF(1, 1)), theme.errorBackground);
}

void TestCodeView::findSelectsAndWraps()
{
    const QByteArray text = "alpha beta\nalpha gamma\nALPHA";
    Shown view(text);
    QSignalSpy results(&*view, &Gui::CodeView::findResult);
    const auto next = [&](const QString &what, bool forward = true, Qt::CaseSensitivity cs = Qt::CaseInsensitive) {
        view->find(what, forward, cs);
        if (!results.isEmpty() || results.wait(5000))
            return results.takeFirst();
        return QList<QVariant>{};
    };
    QCOMPARE(next(QStringLiteral("alpha")), (QList<QVariant>{0, false}));
    QCOMPARE(view->selectedBytes(), QByteArray("alpha"));
    QCOMPARE(next(QStringLiteral("alpha")), (QList<QVariant>{11, false}));
    QCOMPARE(next(QStringLiteral("alpha")), (QList<QVariant>{23, false}));
    QCOMPARE(view->selectedBytes(), QByteArray("ALPHA"));
    QCOMPARE(next(QStringLiteral("alpha")), (QList<QVariant>{0, true}));
    QCOMPARE(next(QStringLiteral("alpha"), false), (QList<QVariant>{23, true}));
    QCOMPARE(next(QStringLiteral("alpha"), false), (QList<QVariant>{11, false}));
    QCOMPARE(next(QStringLiteral("alpha"), true, Qt::CaseSensitive), (QList<QVariant>{0, true}));
    QCOMPARE(next(QStringLiteral("delta")), (QList<QVariant>{-1, false}));
    QCOMPARE(view->selectedBytes(), QByteArray("alpha")); // unchanged

    // In a text too large to search inline: the same answers, from a pool thread.
    QByteArray big = numberedLines(200000);
    big += "needle\n" + numberedLines(1000);
    view->setText(big);
    QTRY_VERIFY(!view->isIndexing());
    view->find(QStringLiteral("NEEDLE"));
    QVERIFY(view->isSearching());
    QVERIFY(results.wait(5000));
    QCOMPARE(results.takeFirst(), (QList<QVariant>{big.indexOf("needle"), false}));
    QCOMPARE(view->firstVisibleLine(), 200000 - 3);
}

void TestCodeView::findHighlightsVisibleMatches()
{
    const QByteArray text = "one token\ntwo token token\nthree\n";
    Shown view(text);
    view->find(QStringLiteral("token"));
    QCOMPARE(view->selectionStart(), 4);
    const QList<Gui::Span> spans = view->lineSpans(1);
    QCOMPARE(spans, (QList<Gui::Span>{{4, 5, Gui::SpanRole::Match}, {10, 5, Gui::SpanRole::Match}}));
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());
    const QImage image = render(*view);
    QCOMPARE(pixel(image, view->offsetRect(text.lastIndexOf("token")).topLeft() + QPointF(1, 1)),
             theme.matchBackground);
    QCOMPARE(pixel(image, view->offsetRect(4).topLeft() + QPointF(1, 1)), theme.selection); // the current one
    view->clearFind();
    QVERIFY(view->lineSpans(1).isEmpty());
}

void TestCodeView::longLinesAreCut()
{
    QByteArray text(50000, 'x');
    text += "\nnext\n";
    Shown view(text);
    QCOMPARE(view->lineText(0).size(), Gui::CodeView::maxLineColumns);
    QCOMPARE(view->lineText(1), QStringLiteral("next"));
    // The horizontal range covers the cut line and its marker, not 50,000 cells.
    const qreal cell = QFontMetricsF(view->font()).horizontalAdvance(QLatin1Char('0'));
    QVERIFY(view->horizontalScrollBar()->maximum() > (Gui::CodeView::maxLineColumns - 100) * cell);
    QVERIFY(view->horizontalScrollBar()->maximum() < (Gui::CodeView::maxLineColumns + 100) * cell);

    // Copying still takes the whole line.
    QTest::keyClick(&*view, Qt::Key_End);
    QCOMPARE(view->cursorPosition(), 50000);
    QVERIFY(view->horizontalScrollBar()->value() > 0);
    QTest::keyClick(&*view, Qt::Key_Home, Qt::ShiftModifier);
    QTest::keyClick(&*view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboardText().size(), 50000);
    render(*view);
}

void TestCodeView::largeTextIndexesInBackground()
{
    const QByteArray text = prettyJson(25);
    const qint64 lines = text.count('\n') + 1;
    Shown view;
    QSignalSpy finished(&*view, &Gui::CodeView::indexingFinished);
    view->setText(text);
    // The first screen is there at once, the rest is still being indexed.
    QVERIFY(view->isIndexing());
    QVERIFY(view->lineCount() > view->pageRows());
    QVERIFY(view->lineCount() < lines);
    QCOMPARE(view->lineText(1), QStringLiteral("  {"));
    render(*view);

    // Scrolling to an offset the index has not reached yet happens once it has.
    const qint64 target = text.indexOf("\"id\"", text.size() / 2);
    view->scrollToOffset(target);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toLongLong(), lines);
    QCOMPARE(view->lineCount(), lines);
    const qint64 line = text.left(target).count('\n');
    QCOMPARE(view->firstVisibleLine(), line - 3);
    QCOMPARE(view->lineText(line), QStringLiteral("    \"id\": \"") +
                                       QString::fromLatin1(text.mid(target + 7).split('"').first()) +
                                       QStringLiteral("\","));
}

void TestCodeView::newerTextWinsOverOlderIndexing()
{
    const QByteArray big = prettyJson(8);
    Shown view;
    QSignalSpy finished(&*view, &Gui::CodeView::indexingFinished);
    view->setText(big);
    view->setText("small\ntext");
    QCOMPARE(finished.size(), 1);
    settle();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(view->lineCount(), 2);
    QCOMPARE(view->lineText(0), QStringLiteral("small"));

    // Two large texts in a row: only the second one's index arrives.
    QByteArray other = numberedLines(300000);
    view->setText(big);
    view->setText(other);
    settle();
    QCOMPARE(finished.size(), 2);
    QCOMPARE(view->lineCount(), 300001);
    QCOMPARE(view->lineText(299999), QStringLiteral("line 299999"));
}

void TestCodeView::destroyWhileIndexing()
{
    const QByteArray big = prettyJson(8);
    for (int i = 0; i < 5; ++i) {
        auto view = std::make_unique<Gui::CodeView>();
        view->setText(big);
        view->find(QStringLiteral("needle"));
        QVERIFY(view->isIndexing());
    }
    settle(); // posted results for dead views must go nowhere
}

void TestCodeView::followsDarkPalette()
{
    Shown view("{\"key\": 1}\n");
    view->setHighlighter(highlightJson);
    const Gui::ViewTheme light = Gui::ViewTheme::fromPalette(view->palette());
    QPalette dark = view->palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
    view->setPalette(dark);
    const Gui::ViewTheme theme = Gui::ViewTheme::fromPalette(view->palette());
    QVERIFY(theme.dark);
    QVERIFY(!light.dark);
    QVERIFY(theme.colorFor(Gui::SpanRole::Key).lightnessF() > 0.5);

    const QImage image = render(*view);
    QCOMPARE(image.pixelColor(image.width() - 2, image.height() - 2), QColor(0x1e, 0x1e, 0x1e));
    const QRectF keyRect = view->offsetRect(2).united(view->offsetRect(4));
    QVERIFY(pixelsNear(image, keyRect, theme.colorFor(Gui::SpanRole::Key)) > 3);
}

void TestCodeView::leavesCtrlFToTheWindow()
{
    Shown view("text");
    QKeyEvent override(QEvent::ShortcutOverride, Qt::Key_F, Qt::ControlModifier);
    QApplication::sendEvent(&*view, &override);
    QVERIFY(!override.isAccepted());
    QKeyEvent press(QEvent::KeyPress, Qt::Key_F, Qt::ControlModifier);
    QApplication::sendEvent(&*view, &press);
    QVERIFY(!press.isAccepted());
    // Copy stays with the view even when a window action has Ctrl+C.
    QKeyEvent copy(QEvent::ShortcutOverride, Qt::Key_C, Qt::ControlModifier);
    QApplication::sendEvent(&*view, &copy);
    QVERIFY(copy.isAccepted());
}

namespace {

struct FrameTimes
{
    QList<double> jumps; // to a random scroll bar position
    QList<double> pages; // Page Down

    static QString summary(QList<double> ms)
    {
        std::sort(ms.begin(), ms.end());
        double sum = 0;
        for (double v : ms)
            sum += v;
        return QString::asprintf("mean %.2f ms, p95 %.2f ms, worst %.2f ms", sum / ms.size(),
                                 ms.at(ms.size() * 95 / 100), ms.last());
    }
    void print(const char *what) const
    {
        qInfo("%s: %lld frames: %s (target < 16 ms)", what, qlonglong(jumps.size() + pages.size()),
              qPrintable(summary(jumps + pages)));
        qInfo("    jumps: %s; page steps: %s", qPrintable(summary(jumps)), qPrintable(summary(pages)));
    }
};

// 200 frames, each a scroll and a full paint: every other one a jump to a random scroll bar
// position, the rest Page Down.
FrameTimes scrollFrames(Gui::CodeView &view, bool horizontal)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QRandomGenerator rng(42);
    FrameTimes times;
    QElapsedTimer timer;
    for (int frame = 0; frame < 200; ++frame) {
        timer.start();
        if (frame % 2 == 0) {
            QScrollBar *bar = horizontal ? view.horizontalScrollBar() : view.verticalScrollBar();
            bar->setValue(int(rng.bounded(bar->maximum() + 1)));
        } else {
            QTest::keyClick(&view, Qt::Key_PageDown);
        }
        view.viewport()->render(&image);
        (frame % 2 == 0 ? times.jumps : times.pages).append(timer.nsecsElapsed() / 1e6);
    }
    return times;
}

} // namespace

void TestCodeView::benchmarkScrolling()
{
    if (qEnvironmentVariableIntValue("HOOKSCOPE_BENCHMARKS") != 1)
        QSKIP("set HOOKSCOPE_BENCHMARKS=1 to measure paint times");
    {
        const QByteArray text = prettyJson(25);
        Shown view(text, {1200, 800});
        view->setHighlighter(highlightJson);
        QElapsedTimer timer;
        timer.start();
        view->setText(text);
        const double setMs = timer.nsecsElapsed() / 1e6;
        QTRY_VERIFY_WITH_TIMEOUT(!view->isIndexing(), 30000);
        qInfo("CodeView 25 MB pretty JSON: setText returned in %.2f ms, %lld lines indexed after %.0f ms", setMs,
              view->lineCount(), timer.nsecsElapsed() / 1e6);
        view->find(QStringLiteral("invoice"));
        QTRY_VERIFY(!view->isSearching());
        scrollFrames(*view, false).print("CodeView 25 MB pretty JSON, highlighted, find hits, 1200x800");
    }
    {
        // The same size on a single line: every visible row is a cut line.
        QByteArray text = prettyJson(25);
        text.replace('\n', ' ');
        Shown view(text, {1200, 800});
        view->setHighlighter(highlightJson);
        QTRY_VERIFY(!view->isIndexing());
        scrollFrames(*view, true).print("CodeView 25 MB on one line, horizontal jumps, 1200x800");
    }
    {
        // A binary body in the raw view: control characters and invalid UTF-8 on every line.
        QByteArray text(25 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(text.data()), text.size() / 4);
        Shown view(text, {1200, 800});
        QTRY_VERIFY(!view->isIndexing());
        scrollFrames(*view, false).print("CodeView 25 MB random bytes, 1200x800");
    }
}

QTEST_MAIN(TestCodeView)
#include "tst_codeview.moc"
