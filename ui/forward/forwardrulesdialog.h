#pragma once

#include "capture/forwardrules.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QWidget;

namespace Gui {

/**
 * Edits the forwarding rules (Capture ▸ Forwarding Rules…): a list on the left, in the order they
 * are tried, and the selected rule's fields on the right — which requests (methods, path pattern),
 * where to (one destination URL per line, a path rewrite), how hard to try (attempts, first retry
 * delay) and whether the original sender waits for the first destination's answer. The list shows
 * each rule as it is being typed; OK is refused, with the reason shown, while a rule cannot be used.
 */
class ForwardRulesDialog : public QDialog
{
    Q_OBJECT

public:
    ForwardRulesDialog(const Capture::ForwardRules &rules, QWidget *parent = nullptr);

    Capture::ForwardRules rules() const { return m_rules; }
    QListWidget *list() const { return m_list; }

    // The form, for tests and keyboard users alike.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *pathEdit() const { return m_path; }
    QPlainTextEdit *destinationsEdit() const { return m_destinations; }
    QCheckBox *answerFromForwardBox() const { return m_answer; }
    QLabel *problemLabel() const { return m_problem; }
    bool canAccept() const;

Q_SIGNALS:
    /// OK: the rules as they are now.
    void applied(const Capture::ForwardRules &rules);

private:
    void addRule();
    void removeRule();
    void moveRule(int by);
    void showRule(int index);
    /// The form's fields into the selected rule, and the list and the problem line updated.
    void takeForm();
    void refreshList();
    QString summary(const Capture::ForwardRule &rule) const;

    Capture::ForwardRules m_rules;
    int m_current = -1;
    bool m_filling = false; // showRule() is filling the form: no takeForm()
    QListWidget *m_list;
    QWidget *m_form;
    QCheckBox *m_enabled;
    QLineEdit *m_name;
    QLineEdit *m_methods;
    QLineEdit *m_path;
    QPlainTextEdit *m_destinations;
    QLineEdit *m_rewriteFrom;
    QLineEdit *m_rewriteTo;
    QSpinBox *m_attempts;
    QSpinBox *m_retryDelay;
    QCheckBox *m_answer;
    QSpinBox *m_timeout;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace Gui
