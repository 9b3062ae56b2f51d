import {
  AnchorMdx,
  CodeOrSourceMdx,
  DocsContainer,
  type DocsContainerProps,
  HeadersMdx,
  Markdown,
} from '@storybook/addon-docs/blocks'
import { type ComponentProps, Fragment } from 'react'
import {
  type GuideFile,
  guideImageSource,
  guideLinkTarget,
  guidePageId,
  guides,
  guidesOfPage,
} from './guides'

/** One page of docs/ (or the README), rendered from its Markdown as it is in the repository. */
export function GuidePage({ file, source }: { file: GuideFile; source: string }) {
  return (
    <Markdown
      options={{
        // Markdown's own overrides (code, links, headings) are replaced by these, not merged.
        overrides: {
          ...HeadersMdx,
          code: CodeOrSourceMdx,
          a: (props: ComponentProps<'a'>) => <GuideLink {...props} from={file} />,
          img: (props: ComponentProps<'img'>) => (
            <img {...props} src={guideImageSource(props.src ?? '', file)} alt={props.alt ?? ''} />
          ),
        },
      }}
    >
      {source}
    </Markdown>
  )
}

function GuideLink({ href = '', children, from }: ComponentProps<'a'> & { from: GuideFile }) {
  const target = guideLinkTarget(href, from)
  // A repository file Storybook does not show (an example, CONTRIBUTING): its name, as text.
  if (target === undefined) return <>{children}</>
  if (target.external) {
    return (
      <a href={target.href} target="_blank" rel="noreferrer">
        {children}
      </a>
    )
  }
  // Storybook's own link: `?path=` pages navigate the manager, `#` scrolls the page.
  return (
    <AnchorMdx href={target.href} target="">
      {children}
    </AnchorMdx>
  )
}

/** Storybook's docs container with, above each story's docs page, the guides that explain it. */
export function DocsContainerWithGuides({ context, children, ...props }: DocsContainerProps) {
  return (
    <DocsContainer context={context} {...props}>
      <PageGuides componentId={docsPageComponentId(context)} />
      {children}
    </DocsContainer>
  )
}

function PageGuides({ componentId }: { componentId: string | undefined }) {
  const files = componentId === undefined ? [] : guidesOfPage(componentId)
  if (files.length === 0) return null
  return (
    <p className="sm-guide-links">
      Guide:{' '}
      {files.map((file, index) => (
        <Fragment key={file}>
          {index > 0 && ' · '}
          <AnchorMdx href={`?path=/docs/${guidePageId(file)}`} target="">
            {guides[file]}
          </AnchorMdx>{' '}
          (<code>{file}</code>)
        </Fragment>
      ))}
    </p>
  )
}

/**
 * The component id of the page shown: from its stories on an autodocs page; from the preview's
 * URL on an MDX page, which has no stories of its own.
 */
function docsPageComponentId(context: DocsContainerProps['context']): string | undefined {
  try {
    const componentId = context.componentStories()[0]?.componentId
    if (componentId !== undefined) return componentId
  } catch {
    // An MDX page without a CSF file has no component stories.
  }
  const id = new URLSearchParams(globalThis.location?.search).get('id')
  return id?.replace(/--docs$/, '') ?? undefined
}
