#pragma once

#include "session/customcolumn.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Gui {

/// Asks for a custom column: its name, and a header name or a JSON pointer. OK stays off, and a
/// line says why, until the column is valid and its name is not taken.
class AddColumnDialog : public QDialog
{
    Q_OBJECT

public:
    AddColumnDialog(Session::CustomColumn::Source source, const Session::CustomColumns &existing,
                    QWidget *parent = nullptr);

    /// The column as entered (invalid until the fields make one).
    Session::CustomColumn column() const { return m_column; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *keyEdit() const { return m_key; }
    QComboBox *sourceBox() const { return m_source; }
    QLabel *problemLabel() const { return m_problem; }

private:
    void check();

    Session::CustomColumns m_existing;
    QLineEdit *m_name;
    QComboBox *m_source;
    QLineEdit *m_key;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    Session::CustomColumn m_column;
    bool m_nameEdited = false;
};

} // namespace Gui
