import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type AnchorHTMLAttributes, forwardRef } from 'react';

const MantineAnchor = forwardRef<
  HTMLAnchorElement,
  AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <Anchor component="a" ref={ref} {...props} />);
MantineAnchor.displayName = 'MantineAnchor';

/** A router link (typed `to` and `params`) that looks like Mantine's Anchor. */
export const AnchorLink = createLink(MantineAnchor);
