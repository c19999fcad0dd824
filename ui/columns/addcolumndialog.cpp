#include "addcolumndialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Gui {

AddColumnDialog::AddColumnDialog(Session::CustomColumn::Source source, const Session::CustomColumns &existing,
                                 QWidget *parent)
    : QDialog(parent)
    , m_existing(existing)
    , m_name(new QLineEdit(this))
    , m_source(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Column"));
    m_source->addItem(tr("Request header"), int(Session::CustomColumn::Source::Header));
    m_source->addItem(tr("JSON pointer into the body"), int(Session::CustomColumn::Source::Json));
    m_source->setCurrentIndex(source == Session::CustomColumn::Source::Header ? 0 : 1);
    m_problem->setWordWrap(true);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&From:"), m_source);
    form->addRow(tr("&Header or pointer:"), m_key);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    const auto placeholder = [this] {
        const bool header = m_source->currentIndex() == 0;
        m_key->setPlaceholderText(header ? QStringLiteral("X-GitHub-Delivery") : QStringLiteral("/data/object/id"));
    };
    placeholder();
    connect(m_source, &QComboBox::currentIndexChanged, this, [this, placeholder] {
        placeholder();
        check();
    });
    // The name follows the key (the header name, or the pointer's last step) until it is edited.
    connect(m_key, &QLineEdit::textChanged, this, [this](const QString &key) {
        if (!m_nameEdited) {
            const QString trimmed = key.trimmed();
            const QString last = m_source->currentIndex() == 0 ? trimmed : trimmed.section(QLatin1Char('/'), -1);
            const QSignalBlocker block(m_name);
            m_name->setText(last);
        }
        check();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        check();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_key->setFocus();
    check();
}

void AddColumnDialog::check()
{
    QString error;
    const auto source = Session::CustomColumn::Source(m_source->currentData().toInt());
    m_column = m_key->text().trimmed().isEmpty()
                   ? Session::CustomColumn()
                   : Session::CustomColumn::make(m_name->text(), source, m_key->text(), &error);
    if (m_column.isValid()) {
        for (const Session::CustomColumn &c : m_existing) {
            if (c.name().compare(m_column.name(), Qt::CaseInsensitive) == 0) {
                error = tr("A column named “%1” exists already.").arg(c.name());
                m_column = {};
                break;
            }
        }
    }
    m_problem->setText(error);
    m_problem->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_column.isValid());
}

} // namespace Gui
