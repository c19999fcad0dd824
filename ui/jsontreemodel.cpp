#include "jsontreemodel.h"

namespace Gui {

namespace {
constexpr int kPreviewChars = 200;

QString typeName(Payload::JsonType type)
{
    switch (type) {
    case Payload::JsonType::Object:
        return JsonTreeModel::tr("object");
    case Payload::JsonType::Array:
        return JsonTreeModel::tr("array");
    case Payload::JsonType::String:
        return JsonTreeModel::tr("string");
    case Payload::JsonType::Number:
        return JsonTreeModel::tr("number");
    case Payload::JsonType::True:
    case Payload::JsonType::False:
        return JsonTreeModel::tr("boolean");
    case Payload::JsonType::Null:
        return JsonTreeModel::tr("null");
    }
    return {};
}
} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void JsonTreeModel::setTree(std::shared_ptr<const Payload::JsonTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

quint32 JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? quint32(index.internalId()) : 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_tree || !m_tree->isValid() || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) // one top-level row: the document's root value
        return row == 0 ? createIndex(0, column, quintptr(0)) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const quint32 child = m_tree->child(nodeOf(parent), quint32(row));
    return child == Payload::JsonTree::kNone ? QModelIndex() : createIndex(row, column, quintptr(child));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !m_tree)
        return {};
    const quint32 node = nodeOf(child);
    const quint32 parentNode = m_tree->node(node).parent;
    if (parentNode == Payload::JsonTree::kNone)
        return {};
    return createIndex(int(m_tree->row(parentNode)), 0, quintptr(parentNode));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree || !m_tree->isValid())
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    return int(m_tree->node(nodeOf(parent)).childCount);
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_tree)
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const quint32 node = nodeOf(index);
    const Payload::JsonTree::Node &n = m_tree->node(node);
    switch (Column(index.column())) {
    case Key:
        if (n.parent == Payload::JsonTree::kNone)
            return tr("(root)");
        if (n.keyOffset == Payload::JsonTree::kNone)
            return QStringLiteral("[%1]").arg(m_tree->row(node));
        return m_tree->key(node);
    case Value: {
        if (n.type == Payload::JsonType::Object)
            return tr("{%n member(s)}", nullptr, int(n.childCount));
        if (n.type == Payload::JsonType::Array)
            return tr("[%n element(s)]", nullptr, int(n.childCount));
        const QByteArrayView text = m_tree->valueText(node);
        QString shown = QString::fromUtf8(text.first(qMin<qsizetype>(text.size(), kPreviewChars * 4)));
        if (shown.size() > kPreviewChars && role == Qt::DisplayRole)
            shown = shown.left(kPreviewChars) + QStringLiteral("…");
        return shown;
    }
    case Type:
        return typeName(n.type);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Type:
        return tr("Type");
    case ColumnCount:
        break;
    }
    return {};
}

QString JsonTreeModel::valueText(const QModelIndex &index) const
{
    return m_tree && index.isValid() ? QString::fromUtf8(m_tree->valueText(nodeOf(index))) : QString();
}

QString JsonTreeModel::pointer(const QModelIndex &index) const
{
    return m_tree && index.isValid() ? m_tree->pointer(nodeOf(index)) : QString();
}

} // namespace Gui
