#include "headerseditor.h"
#include "rowtable.h"

#include "http/outgoingrequest.h"

#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

namespace {

QByteArray bytes(const QString &text)
{
    return text.toUtf8();
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent)
    , m_rows(new RowTable({tr("Name"), tr("Value")}, true, this))
{
    m_rows->setObjectName(QStringLiteral("headersTable"));
    m_rows->setReadOnlyKind(Signature);
    m_rows->setKindToolTip(Signature, tr("Added by signing at the last send; not editable"));
    m_rows->setKindToolTip(Default,
                           tr("Filled in for each destination; type to send your own value, untick to leave it out"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rows);
    // A default row typed into becomes the user's own: sent as written for every destination.
    connect(m_rows, &RowTable::cellEdited, this, [this](int row, int) {
        if (m_rows->kind(row) == Default)
            m_rows->setKind(row, User);
    });
    connect(m_rows, &RowTable::changed, this, &HeadersEditor::changed);
    updateDefaults({}, 0, false);
}

int HeadersEditor::findRow(QByteArrayView name, int kind) const
{
    for (int row = 0; row < m_rows->rowCount(); ++row) {
        if (m_rows->kind(row) == kind && sameName(bytes(m_rows->cell(row, 0)), name))
            return row;
    }
    return -1;
}

void HeadersEditor::setHeaders(const Http::HeaderList &headers)
{
    m_rows->clearRows();
    for (const auto &[name, value] : headers)
        m_rows->addRow({QString::fromUtf8(name), QString::fromUtf8(value)}, true, User);
    updateDefaults(m_url, m_bodySize, m_chunked, m_method);
}

Http::HeaderList HeadersEditor::headers() const
{
    Http::HeaderList out;
    Http::HeaderList switchedOff;
    for (int row = 0; row < m_rows->rowCount(); ++row) {
        const int kind = m_rows->kind(row);
        const QByteArray name = bytes(m_rows->cell(row, 0));
        if (kind == Signature || name.isEmpty())
            continue;
        if (!m_rows->isEnabled(row))
            switchedOff.append({name, QByteArray()});
        else if (kind == User)
            out.append({name, bytes(m_rows->cell(row, 1))});
    }
    // A default header switched off is left out of the request, unless another row sends it.
    const Http::HeaderList defaults = Http::OutgoingRequest::withDefaults({}, m_url, m_bodySize, m_chunked, m_method);
    for (const auto &off : switchedOff) {
        const bool isDefault = std::any_of(defaults.cbegin(), defaults.cend(),
                                           [&off](const auto &d) { return sameName(d.first, off.first); });
        const bool sent =
            std::any_of(out.cbegin(), out.cend(), [&off](const auto &h) { return sameName(h.first, off.first); });
        if (isDefault && !sent)
            out.append(off);
    }
    return out;
}

void HeadersEditor::updateDefaults(const QUrl &firstDestination, qint64 bodySize, bool chunked,
                                   const QByteArray &method)
{
    m_url = firstDestination;
    m_bodySize = bodySize;
    m_chunked = chunked;
    m_method = method;
    const Http::HeaderList defaults = Http::OutgoingRequest::withDefaults(
        {}, m_url.isValid() ? m_url : QUrl(QStringLiteral("http://localhost/")), bodySize, chunked, method);
    // Default rows that no longer apply (Content-Length after switching to chunked) go.
    for (int row = m_rows->rowCount() - 1; row >= 0; --row) {
        if (m_rows->kind(row) != Default)
            continue;
        const QByteArray name = bytes(m_rows->cell(row, 0));
        if (std::none_of(defaults.cbegin(), defaults.cend(),
                         [&name](const auto &d) { return sameName(d.first, name); }))
            m_rows->removeRow(row);
    }
    int at = 0;
    for (const auto &[name, value] : defaults) {
        if (findRow(name, User) >= 0)
            continue; // the user's own row sends it
        const QString shown = m_url.isValid() || !sameName(name, "Host") ? QString::fromUtf8(value) : QString();
        int row = findRow(name, Default);
        if (row < 0)
            row = m_rows->addRow({QString::fromUtf8(name), shown}, true, Default, at);
        else
            m_rows->setCell(row, 1, shown);
        at = row + 1;
    }
}

void HeadersEditor::switchOffDefaults()
{
    for (int row = 0; row < m_rows->rowCount(); ++row) {
        if (m_rows->kind(row) == Default)
            m_rows->setEnabled(row, false);
    }
}

void HeadersEditor::setSignatureHeaders(const Http::HeaderList &headers)
{
    for (int row = m_rows->rowCount() - 1; row >= 0; --row) {
        if (m_rows->kind(row) == Signature)
            m_rows->removeRow(row);
    }
    for (const auto &[name, value] : headers)
        m_rows->addRow({QString::fromUtf8(name), QString::fromUtf8(value)}, true, Signature);
}

void HeadersEditor::setContentType(const QByteArray &value)
{
    for (int row = 0; row < m_rows->rowCount(); ++row) {
        if (m_rows->kind(row) == User && m_rows->isEnabled(row) &&
            sameName(bytes(m_rows->cell(row, 0)), "Content-Type")) {
            m_rows->setCell(row, 1, QString::fromUtf8(value));
            return;
        }
    }
    int at = 0;
    while (at < m_rows->rowCount() && m_rows->kind(at) == Default)
        ++at;
    m_rows->addRow({QStringLiteral("Content-Type"), QString::fromUtf8(value)}, true, User, at);
}

} // namespace Gui
