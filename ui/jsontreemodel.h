#pragma once

#include "payload/jsontree.h"

#include <QAbstractItemModel>

#include <memory>

namespace Gui {

/// A collapsible view of a JSON body: a thin adapter over Payload::JsonTree, whose nodes are
/// numbered so an index can carry its node directly; nothing is copied per node.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Key, Value, Type, ColumnCount };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const Payload::JsonTree> tree);
    const Payload::JsonTree *tree() const { return m_tree.get(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The node behind an index (the root for an invalid one).
    quint32 nodeOf(const QModelIndex &index) const;
    /// The exact original text of the value ("copy value").
    QString valueText(const QModelIndex &index) const;
    /// RFC 6901 pointer to the value ("copy JSON pointer").
    QString pointer(const QModelIndex &index) const;

private:
    std::shared_ptr<const Payload::JsonTree> m_tree;
};

} // namespace Gui
