#include "fieldsmodel.h"

namespace Gui {

FieldsModel::FieldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString FieldsModel::displayText(QByteArrayView bytes)
{
    return bytes.isValidUtf8() ? QString::fromUtf8(bytes.data(), bytes.size())
                               : QString::fromLatin1(bytes.data(), bytes.size());
}

int FieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int FieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::EditRole)
        return {};
    const auto &[name, value] = m_fields.at(index.row());
    switch (Column(index.column())) {
    case Index:
        return index.row() + 1;
    case Name:
        return displayText(name);
    case Value:
        return displayText(value);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Index:
        return tr("#");
    case Name:
        return tr("Name");
    case Value:
        return tr("Value");
    case ColumnCount:
        break;
    }
    return {};
}

void FieldsModel::setFields(Fields fields)
{
    beginResetModel();
    m_fields = std::move(fields);
    endResetModel();
}

QString FieldsModel::toText() const
{
    QString out;
    for (const auto &[name, value] : m_fields)
        out += displayText(name) + QStringLiteral(": ") + displayText(value) + QLatin1Char('\n');
    return out;
}

} // namespace Gui
