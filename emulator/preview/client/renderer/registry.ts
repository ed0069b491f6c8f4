// Which adapter renders each UI Kit node type (the string types @forge/react 12 emits). Anything missing here
// renders as a red "unsupported component" box.
import type { AdapterRegistry } from './render-forge-doc';
import * as buttons from './components/buttons';
import * as charts from './components/charts';
import * as feedback from './components/feedback';
import * as fields from './components/fields';
import * as form from './components/form';
import { IconAdapter } from './components/icons';
import * as layout from './components/layout';
import * as structure from './components/structure';
import * as typography from './components/typography';
import * as users from './components/users';

export const UI_KIT_ADAPTERS: AdapterRegistry = {
  // layout and text
  Stack: layout.StackAdapter,
  Inline: layout.InlineAdapter,
  Box: layout.BoxAdapter,
  Text: typography.TextAdapter,
  Heading: typography.HeadingAdapter,
  Strong: typography.StrongAdapter,
  Em: typography.EmAdapter,
  Strike: typography.StrikeAdapter,
  Link: typography.LinkAdapter,
  List: typography.ListAdapter,
  ListItem: typography.ListItemAdapter,
  Code: typography.CodeAdapter,
  CodeBlock: typography.CodeBlockAdapter,
  Image: typography.ImageAdapter,
  Icon: IconAdapter,
  // status and feedback
  Lozenge: feedback.LozengeAdapter,
  Badge: feedback.BadgeAdapter,
  Spinner: feedback.SpinnerAdapter,
  ProgressBar: feedback.ProgressBarAdapter,
  ProgressTracker: feedback.ProgressTrackerAdapter,
  SectionMessage: feedback.SectionMessageAdapter,
  SectionMessageAction: feedback.SectionMessageActionAdapter,
  EmptyState: feedback.EmptyStateAdapter,
  Tooltip: feedback.TooltipAdapter,
  Tag: feedback.TagAdapter,
  TagGroup: feedback.TagGroupAdapter,
  // buttons
  Button: buttons.ButtonAdapter,
  LinkButton: buttons.LinkButtonAdapter,
  LoadingButton: buttons.LoadingButtonAdapter,
  ButtonGroup: buttons.ButtonGroupAdapter,
  // forms
  Form: form.FormAdapter,
  FormHeader: form.FormHeaderAdapter,
  FormFooter: form.FormFooterAdapter,
  FormSection: form.FormSectionAdapter,
  Label: form.LabelAdapter,
  HelperMessage: form.HelperMessageAdapter,
  ErrorMessage: form.ErrorMessageAdapter,
  ValidMessage: form.ValidMessageAdapter,
  RequiredAsterisk: form.RequiredAsteriskAdapter,
  Textfield: fields.TextfieldAdapter,
  TextArea: fields.TextAreaAdapter,
  Select: fields.SelectAdapter,
  Toggle: fields.ToggleAdapter,
  Checkbox: fields.CheckboxAdapter,
  CheckboxGroup: fields.CheckboxGroupAdapter,
  RadioGroup: fields.RadioGroupAdapter,
  DatePicker: fields.DatePickerAdapter,
  UserPicker: users.UserPickerAdapter,
  User: users.UserAdapter,
  UserGroup: users.UserGroupAdapter,
  // structure
  Tabs: structure.TabsAdapter,
  TabList: structure.TabListAdapter,
  Tab: structure.TabAdapter,
  TabPanel: structure.TabPanelAdapter,
  DynamicTable: structure.DynamicTableAdapter,
  Pagination: structure.PaginationAdapter,
  Modal: structure.ModalAdapter,
  ModalTransition: structure.ModalTransitionAdapter,
  ModalHeader: structure.ModalHeaderAdapter,
  ModalTitle: structure.ModalTitleAdapter,
  ModalBody: structure.ModalBodyAdapter,
  ModalFooter: structure.ModalFooterAdapter,
  ContentWrapper: structure.ContentWrapperAdapter,
  // charts (SVG stand-ins, see components/charts.tsx)
  BarChart: charts.BarChartAdapter,
  StackBarChart: charts.StackBarChartAdapter,
  HorizontalBarChart: charts.HorizontalBarChartAdapter,
  HorizontalStackBarChart: charts.HorizontalStackBarChartAdapter,
  LineChart: charts.LineChartAdapter,
  PieChart: charts.PieChartAdapter,
  DonutChart: charts.DonutChartAdapter,
};
