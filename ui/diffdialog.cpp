#include "diffdialog.h"
#include "views/codeview.h"

#include "payload/contentdecoder.h"
#include "payload/contentsniffer.h"
#include "payload/jsonformatter.h"
#include "payload/linediff.h"
#include "payload/textdecoder.h"
#include "payload/xmlformatter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

namespace {

// Marks whole lines by line number: the view tells where each line starts, so the highlighter
// keeps a sorted list of the start offsets of marked lines.
LineHighlighter markLines(std::shared_ptr<const std::vector<qsizetype>> starts)
{
    return [starts](qsizetype lineStart, QByteArrayView line, QList<Span> &spans) {
        if (std::binary_search(starts->cbegin(), starts->cend(), lineStart))
            spans.append(Span{0, qMax<qsizetype>(line.size(), 0), SpanRole::Error});
    };
}

std::shared_ptr<const std::vector<qsizetype>> lineStarts(const QByteArray &text, const QList<qsizetype> &lines)
{
    auto starts = std::make_shared<std::vector<qsizetype>>();
    qsizetype line = 0;
    qsizetype next = 0;
    for (qsizetype pos = 0; pos <= text.size() && next < lines.size(); ++line) {
        if (line == lines.at(next)) {
            starts->push_back(pos);
            ++next;
        }
        const qsizetype newline = text.indexOf('\n', pos);
        if (newline < 0)
            break;
        pos = newline + 1;
    }
    return starts;
}

} // namespace

QByteArray DiffDialog::headText(const Session::CapturedRequest &r)
{
    const Http::Request &q = r.request;
    QByteArray out;
    if (q.hasRequestLine())
        out += q.method().toByteArray() + ' ' + q.target().toByteArray() + ' ' + q.httpVersion().toByteArray() + '\n';
    for (qsizetype i = 0; i < q.headerCount(); ++i)
        out += q.header(i).name.toByteArray() + ": " + q.header(i).value.toByteArray() + '\n';
    for (qsizetype i = 0; i < q.trailerCount(); ++i)
        out += "(trailer) " + q.trailer(i).name.toByteArray() + ": " + q.trailer(i).value.toByteArray() + '\n';
    out.chop(1);
    return out;
}

QByteArray DiffDialog::bodyForDiff(const Session::CapturedRequest &r)
{
    const Http::Request &q = r.request;
    QByteArray body = q.body();
    const QByteArrayView encoding = q.headerValue("Content-Encoding");
    if (!Payload::parseContentCodings(encoding).isEmpty()) {
        const Payload::DecodeResult decoded = Payload::decodeContent(body, encoding, Payload::kDefaultMaxDecodedBytes);
        if (decoded.error.isEmpty())
            body = decoded.bytes;
    }
    const Payload::ContentInfo info = Payload::sniffContent(q.headerValue("Content-Type"), body);
    if (info.kind == Payload::ContentKind::Json) {
        const Payload::JsonFormatResult pretty = Payload::formatJson(body);
        if (pretty.ok())
            return pretty.text;
    } else if (info.kind == Payload::ContentKind::Xml) {
        const Payload::XmlFormatResult pretty = Payload::formatXml(body);
        if (pretty.ok())
            return pretty.text;
    }
    return Payload::decodeText(body, info.charset).text.toUtf8();
}

QString DiffDialog::caption(const Session::CapturedRequest &r)
{
    return tr("#%1 · %2").arg(r.id).arg(Session::localTimeText(r.receivedAtMs));
}

QWidget *DiffDialog::pane(CodeView *&view, const QString &caption, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *heading = new QLabel(caption, box);
    heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    view = new CodeView(box);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(view, 1);
    return box;
}

QWidget *DiffDialog::pair(CodeView *&left, CodeView *&right)
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(pane(left, m_leftCaption, splitter));
    splitter->addWidget(pane(right, m_rightCaption, splitter));
    // Both sides have the same lines (blank ones stand in for what one side lacks): scroll together.
    connect(left->verticalScrollBar(), &QScrollBar::valueChanged, right->verticalScrollBar(), &QScrollBar::setValue);
    connect(right->verticalScrollBar(), &QScrollBar::valueChanged, left->verticalScrollBar(), &QScrollBar::setValue);
    return splitter;
}

DiffDialog::DiffDialog(Session::CapturedRequestPtr left, Session::CapturedRequestPtr right, QWidget *parent)
    : QDialog(parent)
    , m_leftCaption(caption(*left))
    , m_rightCaption(caption(*right))
{
    setWindowTitle(tr("Compare #%1 and #%2").arg(left->id).arg(right->id));
    resize(1200, 760);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(pair(m_headersLeft, m_headersRight), tr("Request line and headers"));
    tabs->addTab(pair(m_bodyLeft, m_bodyRight), tr("Body"));

    const Payload::SideBySide heads = Payload::sideBySide(headText(*left), headText(*right));
    const Payload::SideBySide bodies = Payload::sideBySide(bodyForDiff(*left), bodyForDiff(*right));
    m_headerChanged = heads.leftChanged;
    m_bodyChanged = bodies.leftChanged;
    m_headersLeft->setHighlighter(markLines(lineStarts(heads.left, heads.leftChanged)));
    m_headersRight->setHighlighter(markLines(lineStarts(heads.right, heads.rightChanged)));
    m_bodyLeft->setHighlighter(markLines(lineStarts(bodies.left, bodies.leftChanged)));
    m_bodyRight->setHighlighter(markLines(lineStarts(bodies.right, bodies.rightChanged)));
    m_headersLeft->setText(heads.left);
    m_headersRight->setText(heads.right);
    m_bodyLeft->setText(bodies.left);
    m_bodyRight->setText(bodies.right);

    auto *summary = new QLabel(tr("%n header line(s) differ, ", nullptr, int(heads.leftChanged.size())) +
                                   tr("%n body line(s) differ.", nullptr, int(bodies.leftChanged.size())),
                               this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
}

QByteArray DiffDialog::headersText(bool right) const
{
    return (right ? m_headersRight : m_headersLeft)->text();
}

QByteArray DiffDialog::bodyText(bool right) const
{
    return (right ? m_bodyRight : m_bodyLeft)->text();
}

} // namespace Gui
