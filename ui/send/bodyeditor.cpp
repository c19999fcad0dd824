#include "bodyeditor.h"
#include "rowtable.h"

#include "payload/jsonformatter.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Gui {

namespace {

enum Page { TextPage, FormPage, PartsPage, FilePage };
enum PartColumn { PartName, PartValue, PartFile };

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_pretty(new QPushButton(tr("&Pretty"), this))
    , m_compact(new QPushButton(tr("Co&mpact"), this))
    , m_form(new RowTable({tr("Name"), tr("Value")}, true, this))
    , m_parts(new RowTable({tr("Name"), tr("Value"), tr("File")}, true, this))
    , m_file(new QLineEdit(this))
    , m_boundary("hookscope-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16))
{
    m_kind->addItems({tr("JSON"), tr("XML"), tr("Form (urlencoded)"), tr("Multipart"), tr("Text"), tr("File")});
    m_kind->setObjectName(QStringLiteral("bodyKind"));
    m_text->setObjectName(QStringLiteral("bodyText"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setObjectName(QStringLiteral("jsonStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->setObjectName(QStringLiteral("formTable"));
    m_parts->setObjectName(QStringLiteral("partsTable"));

    auto *textPage = new QWidget(this);
    auto *textLayout = new QVBoxLayout(textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_text, 1);
    m_pages->addWidget(textPage);
    m_pages->addWidget(m_form);
    m_pages->addWidget(m_parts);
    auto *filePage = new QWidget(this);
    auto *fileLayout = new QHBoxLayout(filePage);
    auto *browse = new QPushButton(tr("Bro&wse…"), filePage);
    m_file->setPlaceholderText(tr("A file sent byte for byte as the body"));
    fileLayout->addWidget(m_file, 1);
    fileLayout->addWidget(browse);
    fileLayout->setAlignment(Qt::AlignTop);
    m_pages->addWidget(filePage);

    auto *attach = new QToolButton(m_parts);
    attach->setText(tr("File…"));
    attach->setToolTip(tr("Send a file as the selected part"));
    attach->setAutoRaise(true);
    m_parts->buttons()->insertWidget(4, attach);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Body:"), this));
    bar->addWidget(m_kind);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_pretty);
    bar->addWidget(m_compact);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);

    connect(m_kind, &QComboBox::activated, this, [this](int index) {
        showKind();
        Q_EMIT kindPicked(Kind(index));
        Q_EMIT changed();
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        checkJson();
        Q_EMIT changed();
    });
    connect(m_pretty, &QPushButton::clicked, this, &BodyEditor::pretty);
    connect(m_compact, &QPushButton::clicked, this, &BodyEditor::compact);
    connect(m_form, &RowTable::changed, this, &BodyEditor::changed);
    connect(m_parts, &RowTable::changed, this, &BodyEditor::changed);
    connect(m_file, &QLineEdit::textChanged, this, &BodyEditor::changed);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body File"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(attach, &QToolButton::clicked, this, [this] {
        int row = m_parts->table()->currentRow();
        const QString path = QFileDialog::getOpenFileName(this, tr("Part File"));
        if (path.isEmpty())
            return;
        if (row < 0)
            row = m_parts->addRow({QFileInfo(path).baseName(), QString(), path});
        else
            m_parts->setCell(row, PartFile, path);
    });
    showKind();
}

BodyEditor::Kind BodyEditor::kind() const
{
    return Kind(m_kind->currentIndex());
}

void BodyEditor::setKind(Kind kind)
{
    m_kind->setCurrentIndex(kind);
    showKind();
    Q_EMIT changed();
}

void BodyEditor::showKind()
{
    const Kind k = kind();
    m_pages->setCurrentIndex(k == Form ? FormPage : k == Multipart ? PartsPage : k == File ? FilePage : TextPage);
    m_pretty->setVisible(k == Json);
    m_compact->setVisible(k == Json);
    m_status->setVisible(k == Json);
    checkJson();
}

QByteArray BodyEditor::text() const
{
    return m_text->toPlainText().toUtf8();
}

void BodyEditor::setText(const QByteArray &text)
{
    m_text->setPlainText(QString::fromUtf8(text));
}

void BodyEditor::setBoundary(const QByteArray &boundary)
{
    if (boundary.isEmpty() || boundary == m_boundary)
        return;
    m_boundary = boundary;
    Q_EMIT changed();
}

QString BodyEditor::bodyFile() const
{
    return m_file->text();
}

void BodyEditor::setBodyFile(const QString &path)
{
    m_file->setText(path);
}

QByteArray BodyEditor::body(QString *error) const
{
    switch (kind()) {
    case Json:
    case Xml:
    case Text:
        return text();
    case File:
        return {};
    case Form:
        return formBody();
    case Multipart:
        break;
    }
    // RFC 7578: one part per row, each with its name; a file part also carries its file name.
    QByteArray out;
    for (int row = 0; row < m_parts->rowCount(); ++row) {
        if (!m_parts->isEnabled(row))
            continue;
        const QString path = m_parts->cell(row, PartFile);
        QByteArray name = m_parts->cell(row, PartName).toUtf8().replace('"', "%22");
        out += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + '"';
        if (path.isEmpty()) {
            out += "\r\n\r\n" + m_parts->cell(row, PartValue).toUtf8();
        } else {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly) && error)
                *error = tr("%1: %2").arg(path, file.errorString());
            out += "; filename=\"" + QFileInfo(path).fileName().toUtf8().replace('"', "%22") +
                   "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.readAll();
        }
        out += "\r\n";
    }
    return out + "--" + m_boundary + "--\r\n";
}

QByteArray BodyEditor::formBody() const
{
    QByteArrayList pairs;
    for (int row = 0; row < m_form->rowCount(); ++row) {
        if (m_form->isEnabled(row))
            pairs.append(QUrl::toPercentEncoding(m_form->cell(row, 0)) + '=' +
                         QUrl::toPercentEncoding(m_form->cell(row, 1)));
    }
    return pairs.join('&');
}

qint64 BodyEditor::size() const
{
    return kind() == File ? QFileInfo(bodyFile()).size() : body().size();
}

QByteArray BodyEditor::contentType() const
{
    switch (kind()) {
    case Json:
        return "application/json";
    case Xml:
        return "application/xml";
    case Form:
        return "application/x-www-form-urlencoded";
    case Multipart:
        return "multipart/form-data; boundary=" + m_boundary;
    case Text:
        return "text/plain; charset=utf-8";
    case File:
        break;
    }
    return "application/octet-stream";
}

QString BodyEditor::jsonStatus() const
{
    return kind() == Json ? m_status->text() : QString();
}

void BodyEditor::checkJson()
{
    if (kind() != Json)
        return;
    const QByteArray json = text();
    if (json.trimmed().isEmpty()) {
        m_status->setText(tr("Empty"));
        m_status->setStyleSheet(QString());
        return;
    }
    const Payload::JsonFormatResult result = Payload::formatJson(json);
    if (result.error.isError()) {
        m_status->setText(
            tr("Line %1, column %2: %3").arg(result.error.line).arg(result.error.column).arg(result.error.reason));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b"));
    } else {
        m_status->setText(tr("Valid JSON"));
        m_status->setStyleSheet(QString());
    }
}

void BodyEditor::pretty()
{
    const Payload::JsonFormatResult result = Payload::formatJson(text());
    if (result.ok())
        setText(result.text);
}

void BodyEditor::compact()
{
    const QByteArray out = compactJson(text());
    if (!out.isEmpty())
        setText(out);
}

QByteArray BodyEditor::compactJson(QByteArrayView json)
{
    if (Payload::formatJson(json).error.isError())
        return {};
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (!isJsonSpace(c)) {
            out += c;
        }
    }
    return out;
}

} // namespace Gui
