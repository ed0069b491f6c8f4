// Form structure: Form (a native form calling the app's onSubmit), header, footer, section, label and messages
// from @atlaskit/form.
import type { ComponentProps, ReactNode } from 'react';
import {
  ErrorMessage,
  FormFooter,
  FormHeader,
  FormSection,
  HelperMessage,
  Label,
  RequiredAsterisk,
  ValidMessage,
} from '@atlaskit/form';
import { fn, pick, str, type ForgeDoc } from '../forge-doc';
import { callApp } from '../events';
import { renderChildren } from '../render-forge-doc';

/**
 * UI Kit's Form is not Atlaskit's render-prop Form: it is a container whose onSubmit the app wires to
 * useForm().handleSubmit, so the host only turns a submit (Enter, a type="submit" Button) into that call.
 */
export function FormAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const onSubmit = fn(node.props, 'onSubmit');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        callApp(onSubmit);
      }}
    >
      {renderChildren(node)}
    </form>
  );
}

export function FormHeaderAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof FormHeader>>(node.props, ['title', 'description']);
  return <FormHeader {...props}>{renderChildren(node)}</FormHeader>;
}

export function FormFooterAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof FormFooter>>(node.props, ['align']);
  return <FormFooter {...props}>{renderChildren(node)}</FormFooter>;
}

export function FormSectionAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof FormSection>>(node.props, ['title', 'description']);
  return <FormSection {...props}>{renderChildren(node)}</FormSection>;
}

export function LabelAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const id = str(node.props, 'id');
  return (
    <Label
      {...pick(node.props, ['testId'])}
      {...(id ? { id } : {})}
      htmlFor={str(node.props, 'labelFor') ?? ''}
    >
      {renderChildren(node)}
    </Label>
  );
}

export function HelperMessageAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <HelperMessage {...pick(node.props, ['testId'])}>{renderChildren(node)}</HelperMessage>;
}

export function ErrorMessageAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <ErrorMessage {...pick(node.props, ['testId'])}>{renderChildren(node)}</ErrorMessage>;
}

export function ValidMessageAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <ValidMessage {...pick(node.props, ['testId'])}>{renderChildren(node)}</ValidMessage>;
}

export const RequiredAsteriskAdapter = (): ReactNode => <RequiredAsterisk />;
