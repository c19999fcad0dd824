#include "bodyview.h"
#include "fieldsmodel.h"
#include "jsontreemodel.h"
#include "views/codeview.h"
#include "views/hexview.h"

#include "payload/contentdecoder.h"
#include "payload/jsonformatter.h"
#include "payload/jsontree.h"
#include "payload/textdecoder.h"
#include "payload/urlencodedform.h"
#include "payload/xmlformatter.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gui {

namespace {

constexpr qint64 kFirstScreenLines = 200;

SpanRole roleOf(Payload::TokenType type)
{
    switch (type) {
    case Payload::TokenType::Key:
        return SpanRole::Key;
    case Payload::TokenType::String:
    case Payload::TokenType::AttributeValue:
        return SpanRole::String;
    case Payload::TokenType::Number:
        return SpanRole::Number;
    case Payload::TokenType::Literal:
        return SpanRole::Literal;
    case Payload::TokenType::Punctuation:
        return SpanRole::Punctuation;
    case Payload::TokenType::Tag:
    case Payload::TokenType::Doctype:
    case Payload::TokenType::ProcessingInstruction:
        return SpanRole::Tag;
    case Payload::TokenType::AttributeName:
        return SpanRole::Attribute;
    case Payload::TokenType::Comment:
    case Payload::TokenType::CData:
        return SpanRole::Comment;
    case Payload::TokenType::Text:
        break;
    }
    return SpanRole::Punctuation;
}

void jsonHighlighter(qsizetype, QByteArrayView line, QList<Span> &spans)
{
    for (const Payload::TokenSpan &t : Payload::jsonLineSpans(line)) {
        if (t.type != Payload::TokenType::Text)
            spans.append(Span{t.start, t.length, roleOf(t.type)});
    }
}

LineHighlighter spanListHighlighter(std::shared_ptr<const QList<Payload::TokenSpan>> all)
{
    return [all](qsizetype lineStart, QByteArrayView line, QList<Span> &spans) {
        const qsizetype lineEnd = lineStart + line.size();
        const auto [first, last] = Payload::spansInRange(*all, lineStart, lineEnd);
        for (qsizetype i = first; i < last; ++i) {
            const Payload::TokenSpan &t = all->at(i);
            if (t.type == Payload::TokenType::Text)
                continue;
            const qsizetype from = qMax<qsizetype>(t.start, lineStart);
            const qsizetype to = qMin<qsizetype>(qsizetype(t.start) + t.length, lineEnd);
            if (to > from)
                spans.append(Span{from - lineStart, to - from, roleOf(t.type)});
        }
    };
}

QString errorSentence(const char *what, const Payload::ParseError &e)
{
    return BodyView::tr("Not valid %1: %2 at line %3, column %4 (byte %5). Shown as sent.")
        .arg(QLatin1String(what), e.reason)
        .arg(e.line)
        .arg(e.column)
        .arg(e.offset);
}

} // namespace

struct BodyView::Result
{
    Payload::ContentInfo info;
    QByteArray decoded;
    QStringList notes;
    QByteArray pretty;
    std::shared_ptr<const QList<Payload::TokenSpan>> xmlSpans;
    Payload::ParseError error;
    QByteArray plain;
    FieldsModel::Fields form;
    Payload::MultipartResult parts;
    QImage image;
    bool cancelled = false;
};

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_modes(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_pages(new QStackedWidget(this))
    , m_code(new CodeView(this))
    , m_hex(new HexView(this))
    , m_tree(new QTreeView(this))
    , m_treeModel(new JsonTreeModel(this))
    , m_formView(new QTableView(this))
    , m_form(new FieldsModel(this))
    , m_partsPage(new QWidget(this))
    , m_partList(new QListWidget(this))
    , m_partHeaders(new FieldsModel(this))
    , m_partDetail(new QWidget(this))
    , m_imageArea(new QScrollArea(this))
    , m_image(new QLabel(this))
{
    m_pool.setMaxThreadCount(1);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_modes);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);

    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(JsonTreeModel::Key, 240);
    m_tree->header()->resizeSection(JsonTreeModel::Value, 420);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Copy Value"), this,
                       [this, index] { QApplication::clipboard()->setText(m_treeModel->valueText(index)); });
        menu.addAction(tr("Copy JSON Pointer"), this,
                       [this, index] { QApplication::clipboard()->setText(m_treeModel->pointer(index)); });
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });

    m_formView->setModel(m_form);
    m_formView->verticalHeader()->hide();
    m_formView->horizontalHeader()->setStretchLastSection(true);

    auto *partsLayout = new QHBoxLayout(m_partsPage);
    partsLayout->setContentsMargins(0, 0, 0, 0);
    auto *partSplitter = new QSplitter(Qt::Horizontal, m_partsPage);
    auto *partDetailLayout = new QVBoxLayout(m_partDetail);
    partDetailLayout->setContentsMargins(0, 0, 0, 0);
    auto *partHeadersView = new QTableView(m_partDetail);
    partHeadersView->setModel(m_partHeaders);
    partHeadersView->verticalHeader()->hide();
    partHeadersView->horizontalHeader()->setStretchLastSection(true);
    partHeadersView->setMaximumHeight(120);
    auto *savePart = new QPushButton(tr("Save Part…"), m_partDetail);
    partDetailLayout->addWidget(partHeadersView);
    partDetailLayout->addStretch(1); // where the part's own view goes once there is one
    partDetailLayout->addWidget(savePart, 0, Qt::AlignRight);
    partSplitter->addWidget(m_partList);
    partSplitter->addWidget(m_partDetail);
    partSplitter->setStretchFactor(1, 3);
    partsLayout->addWidget(partSplitter);
    connect(m_partList, &QListWidget::currentRowChanged, this, &BodyView::showPart);
    connect(savePart, &QPushButton::clicked, this, [this] {
        const int row = m_partList->currentRow();
        if (row < 0 || row >= m_parts.parts.size())
            return;
        const Payload::MultipartPart &part = m_parts.parts.at(row);
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Part"), part.filename);
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly) && file.write(part.body) == part.body.size())
            file.commit();
    });

    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);

    m_pages->addWidget(m_code);      // Pretty and Text share the code view
    m_pages->addWidget(m_tree);      // Tree
    m_pages->addWidget(m_formView);  // Table
    m_pages->addWidget(m_partsPage); // Parts
    m_pages->addWidget(m_imageArea); // Image
    m_pages->addWidget(m_hex);       // Hex

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
    connect(m_modes, &QComboBox::activated, this, [this](int i) { setMode(Mode(m_modes->itemData(i).toInt())); });
    clear();
}

BodyView::~BodyView()
{
    if (m_cancel)
        *m_cancel = true;
    m_pool.waitForDone();
}

void BodyView::clear()
{
    if (m_cancel)
        *m_cancel = true;
    ++m_generation;
    m_busy = false;
    m_body.clear();
    m_decoded.clear();
    m_prettyText.clear();
    m_plainText.clear();
    m_parts = {};
    if (m_partView)
        m_partView->clear(); // stops the work on a part of the previous body
    m_info = {};
    m_treeBuilt = false;
    m_treeModel->setTree(nullptr);
    m_form->setFields({});
    m_modes->clear();
    m_code->setHighlighter({});
    m_code->setText(QByteArray());
    m_hex->setData({});
    m_status->setText(tr("No body"));
    m_progress->hide();
    m_pages->setCurrentWidget(m_code);
}

void BodyView::addMode(Mode mode, const QString &label)
{
    m_modes->addItem(label, int(mode));
}

BodyView::Mode BodyView::mode() const
{
    return Mode(m_modes->currentData().toInt());
}

QByteArray BodyView::shownText() const
{
    return m_code->text();
}

QString BodyView::statusText() const
{
    return m_status->text();
}

void BodyView::setBody(const QByteArray &body, const QByteArray &contentType, const QByteArray &contentEncoding)
{
    clear();
    m_body = body;
    m_contentType = contentType;
    m_contentEncoding = contentEncoding;
    if (body.isEmpty())
        return;
    start();
}

void BodyView::start()
{
    const int generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    m_busy = true;
    m_status->setText(tr("Formatting…"));
    m_progress->setRange(0, 0);
    m_progress->show();

    // A JSON body needs no decoding to show its first screen: do that now, the rest on the worker.
    const bool coded = !Payload::parseContentCodings(m_contentEncoding).isEmpty();
    if (!coded && Payload::sniffContent(m_contentType, m_body).kind == Payload::ContentKind::Json) {
        Payload::JsonFormatOptions firstScreen;
        firstScreen.maxLines = kFirstScreenLines;
        const Payload::JsonFormatResult first = Payload::formatJson(m_body, {}, firstScreen);
        if (!first.text.isEmpty()) {
            m_code->setHighlighter(jsonHighlighter);
            m_code->setText(first.text);
        }
    }

    const QByteArray body = m_body;
    const QByteArray contentType = m_contentType;
    const QByteArray contentEncoding = m_contentEncoding;
    m_pool.start([this, generation, cancel, body, contentType, contentEncoding] {
        auto r = std::make_shared<Result>();
        Payload::JobControl control;
        control.cancel = cancel.get();
        control.progress = [this, generation](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(this, [this, generation, done, total] {
                if (generation != m_generation || total <= 0)
                    return;
                m_progress->setRange(0, 1000);
                m_progress->setValue(int(1000 * done / total));
            });
        };
        r->decoded = body;
        if (!Payload::parseContentCodings(contentEncoding).isEmpty()) {
            const Payload::DecodeResult d =
                Payload::decodeContent(body, contentEncoding, Payload::kDefaultMaxDecodedBytes);
            if (!d.error.isEmpty()) {
                r->notes.append(tr("Content-Encoding not undone: %1").arg(d.error));
            } else {
                r->decoded = d.bytes;
                QStringList codings;
                for (const QByteArray &c : d.undone)
                    codings.append(QString::fromLatin1(c));
                r->notes.append(tr("%1 decoded for display").arg(codings.join(QStringLiteral(", "))));
            }
            if (!d.warning.isEmpty())
                r->notes.append(d.warning);
        }
        r->info = Payload::sniffContent(contentType, r->decoded);
        switch (r->info.kind) {
        case Payload::ContentKind::Json: {
            Payload::JsonFormatResult f = Payload::formatJson(r->decoded, control);
            r->cancelled = f.cancelled;
            r->pretty = std::move(f.text);
            r->error = f.error;
            break;
        }
        case Payload::ContentKind::Xml: {
            Payload::XmlFormatResult f = Payload::formatXml(r->decoded, control);
            r->cancelled = f.cancelled;
            r->pretty = std::move(f.text);
            r->xmlSpans = std::make_shared<const QList<Payload::TokenSpan>>(std::move(f.spans));
            r->error = f.error;
            break;
        }
        case Payload::ContentKind::Form:
            for (const Payload::FormField &f : Payload::parseUrlEncodedForm(r->decoded, r->info.charset))
                r->form.append({f.name.toUtf8(), f.value.toUtf8()});
            break;
        case Payload::ContentKind::Multipart:
            r->parts = Payload::parseMultipart(r->decoded, r->info.boundary);
            break;
        case Payload::ContentKind::Image:
            r->image = QImage::fromData(r->decoded);
            break;
        default:
            break;
        }
        if (r->info.kind != Payload::ContentKind::Binary && r->info.kind != Payload::ContentKind::Image) {
            const Payload::DecodedText text = Payload::decodeText(r->decoded, r->info.charset);
            r->plain = text.text.toUtf8();
            // A multipart body's binary parts are not text: each part says so in its own view.
            if (text.replacements > 0 && r->info.kind != Payload::ContentKind::Multipart)
                r->notes.append(tr("%n byte sequence(s) not valid in %1", nullptr, int(text.replacements))
                                    .arg(QString::fromLatin1(text.charset)));
        }
        QMetaObject::invokeMethod(this, [this, generation, r] { showResult(generation, r); });
    });
}

void BodyView::showResult(int generation, std::shared_ptr<Result> r)
{
    if (generation != m_generation || r->cancelled)
        return;
    m_busy = false;
    m_progress->hide();
    m_info = r->info;
    m_decoded = r->decoded;
    m_prettyText = r->pretty;
    m_xmlSpans = r->xmlSpans;
    m_plainText = r->plain;
    m_parts = r->parts;
    m_form->setFields(r->form);
    m_hex->setData(m_decoded);
    m_modes->clear();

    QStringList notes = r->notes;
    Mode preferred = Hex;
    switch (r->info.kind) {
    case Payload::ContentKind::Json:
    case Payload::ContentKind::Xml:
        if (!r->error.isError()) {
            addMode(Pretty, tr("Pretty"));
            if (r->info.kind == Payload::ContentKind::Json)
                addMode(Tree, tr("Tree"));
            preferred = Pretty;
        } else {
            notes.prepend(errorSentence(r->info.kind == Payload::ContentKind::Json ? "JSON" : "XML", r->error));
            preferred = Text;
        }
        break;
    case Payload::ContentKind::Form:
        addMode(Table, tr("Form"));
        preferred = Table;
        break;
    case Payload::ContentKind::Multipart:
        addMode(Parts, tr("Parts"));
        preferred = Parts;
        if (r->parts.error.isError())
            notes.prepend(tr("Multipart body: %1 at byte %2").arg(r->parts.error.reason).arg(r->parts.error.offset));
        break;
    case Payload::ContentKind::Image:
        if (!r->image.isNull()) {
            addMode(Image, tr("Image"));
            m_image->setPixmap(QPixmap::fromImage(r->image));
            preferred = Image;
            notes.prepend(
                tr("%1, %2 × %3").arg(QString::fromLatin1(r->info.mime)).arg(r->image.width()).arg(r->image.height()));
        }
        break;
    case Payload::ContentKind::Text:
        preferred = Text;
        break;
    default:
        break;
    }
    if (r->info.kind != Payload::ContentKind::Binary && r->info.kind != Payload::ContentKind::Image)
        addMode(Text, tr("Text"));
    addMode(Hex, tr("Hex"));

    m_partList->clear();
    for (const Payload::MultipartPart &p : std::as_const(m_parts.parts)) {
        QString label = p.name.isEmpty() ? tr("(unnamed)") : p.name;
        if (p.hasFilename)
            label += QStringLiteral(" — ") + p.filename;
        m_partList->addItem(tr("%1 (%2 bytes)").arg(label).arg(p.body.size()));
    }
    if (!m_parts.parts.isEmpty())
        m_partList->setCurrentRow(0);

    if (!r->info.mime.isEmpty())
        notes.prepend(QString::fromLatin1(r->info.mime));
    m_status->setText(notes.join(QStringLiteral(" · ")));
    setMode(preferred);
    if (r->error.isError() && preferred == Text) {
        m_code->setHighlightRange(r->error.offset, 1);
        m_code->scrollToOffset(r->error.offset);
    }
    Q_EMIT ready();
}

void BodyView::setMode(Mode mode)
{
    const int at = m_modes->findData(int(mode));
    if (at < 0)
        return;
    m_modes->setCurrentIndex(at);
    switch (mode) {
    case Pretty:
        m_code->setHighlighter(m_info.kind == Payload::ContentKind::Xml ? spanListHighlighter(m_xmlSpans)
                                                                        : LineHighlighter(jsonHighlighter));
        if (m_code->text() != m_prettyText) // the first screen is the start of the same text
            m_code->setText(m_prettyText);
        m_code->clearHighlightRange();
        m_pages->setCurrentWidget(m_code);
        break;
    case Text:
        m_code->setHighlighter({});
        m_code->setText(m_plainText);
        m_pages->setCurrentWidget(m_code);
        break;
    case Tree:
        buildTree();
        m_pages->setCurrentWidget(m_tree);
        break;
    case Table:
        m_pages->setCurrentWidget(m_formView);
        break;
    case Parts:
        m_pages->setCurrentWidget(m_partsPage);
        break;
    case Image:
        m_pages->setCurrentWidget(m_imageArea);
        break;
    case Hex:
        m_pages->setCurrentWidget(m_hex);
        break;
    }
}

void BodyView::buildTree()
{
    if (m_treeBuilt || m_info.kind != Payload::ContentKind::Json)
        return;
    m_treeBuilt = true;
    const int generation = m_generation;
    const QByteArray json = m_decoded;
    auto cancel = m_cancel;
    m_busy = true;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_pool.start([this, generation, json, cancel] {
        Payload::JobControl control;
        control.cancel = cancel ? cancel.get() : nullptr;
        auto tree = std::make_shared<const Payload::JsonTree>(Payload::JsonTree::build(json, control));
        QMetaObject::invokeMethod(this, [this, generation, tree] {
            if (generation != m_generation)
                return;
            m_busy = false;
            m_progress->hide();
            m_treeModel->setTree(tree);
            m_tree->expand(m_treeModel->index(0, 0));
        });
    });
}

void BodyView::showPart(int index)
{
    if (index < 0 || index >= m_parts.parts.size()) {
        m_partHeaders->setFields({});
        if (m_partView)
            m_partView->clear();
        return;
    }
    const Payload::MultipartPart &part = m_parts.parts.at(index);
    FieldsModel::Fields headers;
    for (const auto &[name, value] : part.headers)
        headers.append({name, value});
    m_partHeaders->setFields(headers);
    if (!m_partView) {
        m_partView = new BodyView(m_partDetail);
        auto *layout = qobject_cast<QVBoxLayout *>(m_partDetail->layout());
        delete layout->takeAt(1); // the stretch that kept its place
        layout->insertWidget(1, m_partView, 1);
    }
    // Like a top-level body: its own Content-Type (none: the bytes decide, as for text/plain) and
    // Content-Transfer-Encoding left as sent (RFC 7578 §4.7 deprecates it).
    m_partView->setBody(part.body, part.contentType, {});
}

} // namespace Gui
