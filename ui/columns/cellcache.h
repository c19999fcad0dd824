#pragma once

#include <QString>

#include <memory>

namespace Gui {

/// The display text of the cells painted lately, so scrolling and repainting do not format the
/// same time, target or address again on every data() call. Direct-mapped and bounded: a cell
/// lands in one slot by its (store row, column) and evicts whatever was there. Cleared whenever
/// what rows show changes under their store rows (new results, deleted rows, another session).
class CellCache
{
public:
    CellCache()
        : m_slots(std::make_unique<Slot[]>(kSlots))
    {
    }

    /// The text kept for this cell, or null.
    const QString *find(quint32 storeRow, int column) const
    {
        const Slot &slot = m_slots[index(storeRow, column)];
        return slot.key == key(storeRow, column) ? &slot.text : nullptr;
    }
    void insert(quint32 storeRow, int column, const QString &text)
    {
        Slot &slot = m_slots[index(storeRow, column)];
        slot.key = key(storeRow, column);
        slot.text = text;
    }
    void erase(quint32 storeRow, int column)
    {
        Slot &slot = m_slots[index(storeRow, column)];
        if (slot.key == key(storeRow, column))
            slot = Slot();
    }
    void clear()
    {
        for (size_t i = 0; i < kSlots; ++i)
            m_slots[i] = Slot();
    }
    /// Forgets one column's cells (its values changed).
    void clearColumn(int column)
    {
        for (size_t i = 0; i < kSlots; ++i) {
            if (m_slots[i].key != kEmpty && int(m_slots[i].key & 0xffff) == column)
                m_slots[i] = Slot();
        }
    }

    /// A screen of a tall window shows about 80 rows of 12 columns; this keeps several screens.
    static constexpr size_t kSlots = 8192;

private:
    static constexpr quint64 kEmpty = ~quint64(0);
    struct Slot
    {
        quint64 key = kEmpty;
        QString text;
    };
    static quint64 key(quint32 storeRow, int column) { return quint64(storeRow) << 16 | quint16(column); }
    static size_t index(quint32 storeRow, int column)
    {
        // Neighbouring rows of one column land in neighbouring slots; columns are spread apart.
        return (size_t(storeRow) + size_t(column) * 1031) & (kSlots - 1);
    }

    std::unique_ptr<Slot[]> m_slots;
};

} // namespace Gui
