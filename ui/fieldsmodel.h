#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>

namespace Gui {

/// Name/value pairs in their order, duplicates kept: headers, trailers, query parameters, form
/// fields. Bytes are shown as UTF-8 when valid, else as Latin-1, like the JSON export.
class FieldsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Index, Name, Value, ColumnCount };
    using Fields = QList<QPair<QByteArray, QByteArray>>;

    explicit FieldsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setFields(Fields fields);
    const Fields &fields() const { return m_fields; }
    /// "Name: value" lines, as a user would paste them.
    QString toText() const;

    static QString displayText(QByteArrayView bytes);

private:
    Fields m_fields;
};

} // namespace Gui
