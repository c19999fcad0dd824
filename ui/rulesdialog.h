#pragma once

#include "capture/responserules.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace Gui {

/// Edits the answer rules: an ordered list, each matching a method and a path pattern and
/// answering with one answer or a sequence (500, 500, then 200), and the default answer.
class RulesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RulesDialog(const Capture::ResponseRules &rules, QWidget *parent = nullptr);

    Capture::ResponseRules rules() const { return m_rules; }
    /// Takes what the form shows into the rules; false with a message when something is invalid.
    bool commit(QString *error);

    // The editor, for tests.
    QListWidget *ruleList() const { return m_list; }
    QListWidget *stepList() const { return m_steps; }
    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *enabledEdit() const { return m_enabled; }
    QLineEdit *methodsEdit() const { return m_methods; }
    QLineEdit *pathEdit() const { return m_path; }
    QSpinBox *statusEdit() const { return m_status; }
    QSpinBox *delayEdit() const { return m_delay; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QCheckBox *cycleEdit() const { return m_cycle; }
    QComboBox *signatureEdit() const { return m_signature; }
    void addRule();
    void addStep();
    void removeRule();
    void moveRule(int delta);

Q_SIGNALS:
    /// OK or Apply: the rules to use from now on.
    void applied(const Capture::ResponseRules &rules);

private:
    bool isDefault(int row) const { return row == m_rules.rules.size(); }
    Capture::AnswerSpec *answerAt(int rule, int step);
    void load(int rule, int step);
    bool store(QString *error);
    /// Takes an edit of the form into the rules and shows it in both lists at once.
    void showEdited();
    /// The rule as the list shows it.
    QString ruleText(const Capture::ResponseRule &r) const;
    void refreshList();
    void refreshSteps();
    QString stepText(const Capture::AnswerSpec &a, int index) const;

    Capture::ResponseRules m_rules;
    int m_rule = -1;
    int m_step = -1;
    bool m_loading = false;
    QListWidget *m_list;
    QListWidget *m_steps;
    QLineEdit *m_name;
    QCheckBox *m_enabled;
    QLineEdit *m_methods;
    QLineEdit *m_path;
    QComboBox *m_signature;
    QSpinBox *m_status;
    QSpinBox *m_delay;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QCheckBox *m_cycle;
    QLabel *m_error;
};

} // namespace Gui
